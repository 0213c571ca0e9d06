package dev.wall.player.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.player.testing.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep stops what a run's PID files name, by PID and start time, and nothing else. */
class RunRecordTest {
  @TempDir Path runDir;
  private Process straggler;
  private Process innocent;

  @AfterEach
  void stopChildren() {
    for (Process p : new Process[] {straggler, innocent}) {
      if (p != null) {
        p.destroyForcibly();
      }
    }
  }

  private static String line(String role, Process p) {
    return role
        + " "
        + p.pid()
        + " "
        + p.toHandle().info().startInstant().orElseThrow().toEpochMilli()
        + "\n";
  }

  @Test
  void aPreviousRunsLeftoverIsStoppedAndItsFilesAndSessionFolderGo() throws Exception {
    straggler = new ProcessBuilder("sleep", "300").start();
    Path session = Files.createDirectories(runDir.resolve("ompi.node3.0/pid.4242/0"));
    Path folder = Files.createDirectories(RunRecord.folder(runDir, "node3"));
    Files.writeString(
        folder.resolve("rank-2"),
        line("player", straggler) + "session " + session.getParent() + "\n");

    RunRecord.Sweep sweep = RunRecord.sweep(runDir, "node3", Duration.ofSeconds(2));

    assertEquals(1, sweep.stopped());
    assertEquals(List.of(), sweep.left());
    Poll.until(Duration.ofSeconds(5), "the straggler to be gone", () -> !straggler.isAlive());
    assertFalse(Files.exists(folder.resolve("rank-2")), "the PID file goes with its processes");
    assertFalse(Files.exists(session.getParent()), "and Open MPI's session folder of that job");
  }

  @Test
  void aPidReusedByAnotherProcessIsLeftAlone() throws Exception {
    innocent = new ProcessBuilder("sleep", "300").start();
    long otherStart =
        innocent.toHandle().info().startInstant().orElseThrow().toEpochMilli() - 60_000;
    Path folder = Files.createDirectories(RunRecord.folder(runDir, "node3"));
    Files.writeString(
        folder.resolve("rank-0"), "player " + innocent.pid() + " " + otherStart + "\n");

    RunRecord.Sweep sweep = RunRecord.sweep(runDir, "node3", Duration.ofSeconds(2));

    assertEquals(0, sweep.stopped());
    assertTrue(innocent.isAlive(), "same PID, another start time: not ours");
    assertFalse(Files.exists(folder.resolve("rank-0")));
  }

  @Test
  void anotherHostsRecordsAreNotThisHostsToSweep() throws Exception {
    innocent = new ProcessBuilder("sleep", "300").start();
    Path folder = Files.createDirectories(RunRecord.folder(runDir, "node4"));
    Files.writeString(folder.resolve("rank-3"), line("rank", innocent));

    assertEquals(0, RunRecord.sweep(runDir, "node3", Duration.ofSeconds(2)).stopped());
    assertTrue(innocent.isAlive());
  }
}
