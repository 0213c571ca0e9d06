package dev.wall.player.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Run as its own JVM by {@link ChildProcessIT}: starts a long {@code sleep} through ChildProcess,
 * prints its PID, then ends the way the first argument says, so the test can check that the
 * shutdown hook stopped the child; with {@code lifeline}, the sleep runs under its {@link Lifeline}
 * and the JVM waits to be killed.
 */
public final class ChildProcessFixture {
  private ChildProcessFixture() {}

  public static void main(String[] args) throws Exception {
    ChildProcess sleeper;
    if (args[0].equals("lifeline")) {
      sleeper =
          ChildProcess.startWithLifeline(
              "sleeper", Lifeline.wrap(List.of("sleep", "600")), Path.of(args[1]), Map.of());
      ChildProcess started = sleeper;
      long program = 0;
      while (program == 0) {
        program = Lifeline.program(started).map(ProcessHandle::pid).orElse(0L);
      }
      System.out.println("child " + program);
    } else {
      sleeper = ChildProcess.start("sleeper", List.of("sleep", "600"), Path.of(args[1]), Map.of());
      System.out.println("child " + sleeper.pid());
    }
    System.out.flush();
    if (args[0].equals("exit")) {
      System.exit(0);
    }
    // "wait": stay until the test sends SIGTERM; the shutdown hook runs then.
    sleeper.waitFor(Duration.ofMinutes(5));
  }
}
