package dev.wall.player.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.player.fixtures.CommunicatorProbe;
import dev.wall.player.process.ChildProcess;
import dev.wall.player.testing.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Open MPI Communicator under a real {@code mpirun -np 4}. */
@Tag("smoke")
class MpiCommunicatorIT {
  @TempDir Path dir;

  private List<String> probe(String... args) {
    List<String> argv = new ArrayList<>(List.of("mpirun"));
    argv.addAll(dev.wall.player.launch.MpirunCommand.COMMON_MCA);
    if ("root".equals(System.getProperty("user.name"))) {
      argv.add("--allow-run-as-root");
    }
    argv.addAll(
        List.of(
            "--oversubscribe",
            "--bind-to",
            "none",
            "--mca",
            "mpi_yield_when_idle",
            "1",
            "-np",
            "4",
            Project.java(),
            "-Xmx32m",
            "-cp",
            Project.classpath(),
            CommunicatorProbe.class.getName()));
    argv.addAll(List.of(args));
    return argv;
  }

  @Test
  void aRankThatMissesABarrierIsNamedByTheRootAtTheDeadline() throws Exception {
    Path log = dir.resolve("lost.log");
    try (ChildProcess mpirun = ChildProcess.start("mpirun probe", probe("lost"), log, Map.of())) {
      mpirun.waitFor(Duration.ofSeconds(60));
    }
    String output = Files.readString(log);
    Matcher root =
        Pattern.compile(
                "rank 0 timeout after (\\d+) ms: barrier: no word from rank 3 within 1 s; missing \\[3\\]")
            .matcher(output);
    assertTrue(root.find(), output);
    long waited = Long.parseLong(root.group(1));
    assertTrue(waited >= 1000 && waited < 2000, "the root gave up after " + waited + " ms");
    assertTrue(!output.contains("passed a barrier rank 3 missed"), output);
  }

  @Test
  void barrierBroadcastAndGatherAcrossFourRealRanks() throws Exception {
    List<String> argv = probe();
    Path log = dir.resolve("mpirun.log");
    int code;
    try (ChildProcess mpirun = ChildProcess.start("mpirun probe", argv, log, Map.of())) {
      code = mpirun.waitFor(Duration.ofSeconds(60)).orElse(-1);
    }
    String output = Files.readString(log);
    assertEquals(0, code, output);

    Pattern barrier = Pattern.compile("rank (\\d) size 4 barrier-ms (\\d+)");
    Matcher m = barrier.matcher(output);
    int ranks = 0;
    while (m.find()) {
      ranks++;
      assertTrue(
          Long.parseLong(m.group(2)) >= 350,
          "rank " + m.group(1) + " left the barrier before the late rank arrived: " + output);
    }
    assertEquals(4, ranks, output);
    for (int rank = 0; rank < 4; rank++) {
      assertTrue(output.contains("rank " + rank + " broadcast hello from 2"), output);
    }
    assertTrue(output.contains("rank 0 gather r0,r1x,r2xx,r3xxx,"), output);
    for (int rank = 1; rank < 4; rank++) {
      assertTrue(output.contains("rank " + rank + " gather-size 0"), output);
    }
  }
}
