package dev.wall.player.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.io.RunFolder;
import dev.wall.core.testing.Tools;
import dev.wall.player.testing.Poll;
import dev.wall.player.wire.Probe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep trusts PID files only in a run folder of its own user, and stops only that user's
 * processes: with a real second user ({@code wall-test}, made by {@code bin/bootstrap --test}), its
 * real processes and this user's (root, as in CI).
 */
class SweepOwnershipTest {
  private static final String OTHER_USER = "wall-test";
  private static final Duration GRACE = Duration.ofSeconds(2);

  @TempDir Path dir;
  private final List<Process> started = new ArrayList<>();

  @BeforeEach
  void needsRootAndASecondUser() throws Exception {
    Tools.require(RunFolder.ownUid() == 0, "only root can start another user's processes");
    assertTrue(
        Files.readString(Path.of("/etc/passwd")).contains("\n" + OTHER_USER + ":"),
        "user " + OTHER_USER + " is missing: run bin/bootstrap --test");
  }

  @AfterEach
  void stopWhatWeStarted() {
    started.forEach(Process::destroyForcibly);
  }

  @Test
  void aRunFolderAnotherUserMadeIsNotSweptAndTheSweepSaysWhereAndHowToFixIt() throws Exception {
    Process mine = sleep(List.of());
    Process theirs =
        sleep(
            List.of("setpriv", "--reuid=" + OTHER_USER, "--regid=" + OTHER_USER, "--clear-groups"));
    Path foreign = Files.createDirectories(dir.resolve("wall-pi"));
    Path pids = Files.createDirectories(RunRecord.folder(foreign, "localhost"));
    Files.writeString(pids.resolve("rank-0"), line("player", mine) + line("rank", theirs));
    for (Path folder : List.of(foreign, foreign.resolve("pids"), pids, pids.resolve("rank-0"))) {
      chown(folder, OTHER_USER);
    }
    Files.setPosixFilePermissions(foreign, PosixFilePermissions.fromString("rwx------"));

    // Where the node's ranks went instead, its own default folder (this test's), is swept as ever.
    Process fellBack = sleep(List.of());
    Path here = RunFolder.prepare(dir.resolve("default"));
    Files.writeString(
        Files.createDirectories(RunRecord.folder(here, "localhost")).resolve("rank-1"),
        line("player", fellBack));

    Sweeper.Result result =
        new Sweeper(inProcess(here), foreign).sweep(List.of("localhost"), Duration.ofSeconds(20));

    Poll.until(
        Duration.ofSeconds(5),
        "the straggler in the node's own run folder to be stopped",
        () -> !fellBack.isAlive());
    assertTrue(
        mine.isAlive() && theirs.isAlive(),
        "nothing stopped on the word of another user's PID files");
    assertEquals(1, result.stopped());
    assertFalse(result.clean());
    assertEquals(
        "could not check localhost (run folder "
            + foreign
            + " belongs to user "
            + OTHER_USER
            + " (uid "
            + uid(OTHER_USER)
            + "), not to you (root, uid 0): someone else made it first, so the wall will not use it;"
            + " remove it (sudo rm -r "
            + foreign
            + ") and find out who made it, or give another folder with --run-dir)",
        result.problems());
    assertTrue(Files.exists(pids.resolve("rank-0")), "their files are left as they are");
  }

  @Test
  void inAFolderOfOursOnlyOurOwnProcessesAreStopped() throws Exception {
    Process mine = sleep(List.of());
    Process theirs =
        sleep(
            List.of("setpriv", "--reuid=" + OTHER_USER, "--regid=" + OTHER_USER, "--clear-groups"));
    Path run = RunFolder.prepare(dir.resolve("run"));
    Path pids = Files.createDirectories(RunRecord.folder(run, "localhost"));
    Files.writeString(pids.resolve("rank-0"), line("player", mine) + line("player", theirs));

    Probe.Answer answer =
        NodeProbe.answer(
            new Probe.Request(
                "localhost", run, true, false, null, List.of(), false, null, null, false),
            RunFolder.prepare(dir.resolve("default")));

    Poll.until(Duration.ofSeconds(5), "our own straggler to be stopped", () -> !mine.isAlive());
    assertTrue(
        theirs.isAlive(),
        "another user's process, though named with its PID and start time, is not ours");
    assertEquals(1, answer.swept());
    assertEquals(List.of(), answer.refused());
  }

  @Test
  void aRefusalCrossesTheWireAsOneLine() {
    Probe.Answer answer =
        new Probe.Answer(
            Map.of(),
            null,
            null,
            List.of(),
            null,
            null,
            null,
            Map.of(),
            0,
            List.of(),
            List.of("run folder /tmp/wall-pi belongs to user eve"),
            List.of(),
            Map.of());
    assertEquals(answer.refused(), Probe.Answer.parse(answer.lines()).refused());
  }

  private Process sleep(List<String> as) throws Exception {
    List<String> argv = new ArrayList<>(as);
    argv.addAll(List.of("sleep", "300"));
    Process process = new ProcessBuilder(argv).start();
    started.add(process);
    Poll.until(
        Duration.ofSeconds(5),
        "sleep to run",
        () ->
            ProcessHandle.of(process.pid())
                .flatMap(p -> p.info().command())
                .map(c -> c.endsWith("sleep"))
                .orElse(false));
    return process;
  }

  /** This machine, asked in this process, with {@code here} as its default run folder. */
  private static RemoteNodes inProcess(Path here) {
    return new RemoteNodes(
        host -> true, request -> NodeProbe.answer(request, here), null, "", List.of());
  }

  private static String line(String role, Process p) {
    return role
        + " "
        + p.pid()
        + " "
        + p.toHandle().info().startInstant().orElseThrow().toEpochMilli()
        + "\n";
  }

  private static void chown(Path path, String user) throws Exception {
    Files.setOwner(
        path, path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user));
  }

  private static int uid(String user) throws Exception {
    for (String entry : Files.readAllLines(Path.of("/etc/passwd"))) {
      String[] fields = entry.split(":");
      if (fields[0].equals(user)) {
        return Integer.parseInt(fields[2]);
      }
    }
    throw new AssertionError(user + " is not in /etc/passwd");
  }
}
