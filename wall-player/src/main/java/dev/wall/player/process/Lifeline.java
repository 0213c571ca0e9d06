package dev.wall.player.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A lifeline for a program that has none of its own (omxplayer, VLC, dbus-daemon): a small POSIX
 * shell stays between us and the program, reads the pipe we hold on its standard input, and stops
 * the program when that pipe closes. The kernel closes it when this JVM dies, even by SIGKILL,
 * where no shutdown hook runs; so no player outlives its rank. (mpv needs none: it reads the pipe
 * itself, {@code --input-ipc-client=fd://0}.) Not {@code PR_SET_PDEATHSIG}: Java cannot set it,
 * {@code setpriv --pdeathsig} is missing from the util-linux of Raspberry Pi OS Buster, where
 * omxplayer lives, and it fires when the starting thread ends, not the process.
 *
 * <p>The program runs in a session of its own ({@code setsid}), so that the shell can stop it with
 * whatever it started in turn ({@code runuser} and its VLC): SIGTERM to the group, SIGKILL {@value
 * #KILL_AFTER_SECONDS} s later. The shell ends with the program, with its exit status (128 plus the
 * signal when it was killed), so the program's end is seen as before. The script is fixed text; the
 * program and its arguments are passed as arguments, never as shell text.
 */
public final class Lifeline {
  static final int KILL_AFTER_SECONDS = 2;
  static final String SCRIPT =
      String.join(
          "\n",
          "exec 3<&0",
          "setsid \"$@\" </dev/null 3<&- &",
          "program=$!",
          "{ while read -r _; do :; done;"
              + " kill -TERM -- \"-$program\" 2>/dev/null || kill -TERM \"$program\" 2>/dev/null;"
              + " sleep "
              + KILL_AFTER_SECONDS
              + ";"
              + " kill -KILL -- \"-$program\" 2>/dev/null || kill -KILL \"$program\" 2>/dev/null; } <&3 &",
          "watcher=$!",
          "exec 3<&-",
          "wait \"$program\"",
          "status=$?",
          "kill \"$watcher\" 2>/dev/null",
          "exit \"$status\"");
  static final String NAME = "wall-lifeline";

  private Lifeline() {}

  /** {@code argv} run under the lifeline; start it with {@link ChildProcess#startWithLifeline}. */
  public static List<String> wrap(List<String> argv) {
    List<String> wrapped = new ArrayList<>(List.of("sh", "-c", SCRIPT, NAME));
    wrapped.addAll(argv);
    return wrapped;
  }

  /** The program itself, under its lifeline: the shell's child that leads a session of its own. */
  public static Optional<ProcessHandle> program(ChildProcess lifeline) {
    return lifeline.process().children().filter(Lifeline::leadsItsSession).findFirst();
  }

  private static boolean leadsItsSession(ProcessHandle process) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
      // pid (comm) state ppid pgrp session ...; comm may hold spaces and parentheses.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[3]) == process.pid();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
