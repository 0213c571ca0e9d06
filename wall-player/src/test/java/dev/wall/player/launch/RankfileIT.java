package dev.wall.player.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.player.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files {@code wall hostfile} writes, run by the real mpirun (Open MPI 4.1): every rank lands
 * on its screen's host, although the screens are not grouped by host and one host drives two.
 *
 * <p>Two hosts on one machine: 127.0.0.2 and 127.0.0.3 are loopback addresses that Open MPI takes
 * for remote nodes (unlike localhost and 127.0.0.1, which it merges into the local node). It
 * launches them through its ssh agent; a stand-in agent runs the command here, telling it which
 * host it was meant for. All traffic stays on loopback.
 */
class RankfileIT {
  /** Generous: the machine is shared; a healthy run takes about 2 s. */
  private static final long DEADLINE_SECONDS = 120;

  /** Stands in for ssh: "agent HOST COMMAND..." runs COMMAND here, with the host it was for. */
  private static final String FAKE_SSH =
      "#!/bin/sh\nhost=\"$1\"\nshift\nWALL_TEST_HOST=\"$host\" exec /bin/sh -c \"$*\"\n";

  /** What each rank prints; a fixed string, with no layout content in it. */
  private static final String REPORT =
      "echo \"rank=$OMPI_COMM_WORLD_RANK host=$WALL_TEST_HOST"
          + " cpus=$(sed -n 's/^Cpus_allowed_list:[[:space:]]*//p' /proc/self/status)\"";

  @TempDir Path dir;

  @Test
  void everyRankRunsOnItsScreensHost() throws Exception {
    Path layout =
        Files.writeString(
            dir.resolve("wall.json"),
            """
        {"version": 1, "mediaRoot": "/m", "screens": [
          {"name": "a", "host": "127.0.0.3", "output": 0, "media": "a.mp4"},
          {"name": "b", "host": "127.0.0.2", "media": "b.mp4"},
          {"name": "c", "host": "127.0.0.3", "output": 1, "media": "c.mp4"}
        ]}
        """);
    Path hosts = dir.resolve("wall.hosts");
    Cli said = Cli.run("hostfile", layout, "--out", hosts);
    assertEquals(0, said.code(), said.err());

    String output = mpirun(hosts, dir.resolve("wall.rankfile"), 3);

    Map<Integer, String> hostOfRank = new TreeMap<>();
    Map<Integer, String> cpusOfRank = new TreeMap<>();
    Matcher line = Pattern.compile("rank=(\\d+) host=(\\S*) cpus=(\\S*)").matcher(output);
    while (line.find()) {
      hostOfRank.put(Integer.parseInt(line.group(1)), line.group(2));
      cpusOfRank.put(Integer.parseInt(line.group(1)), line.group(3));
    }
    assertEquals(Map.of(0, "127.0.0.3", 1, "127.0.0.2", 2, "127.0.0.3"), hostOfRank, output);
    // The rankfile also binds: rank i runs on the core its slot names (0, 0, then 1 on .3).
    assertEquals(Map.of(0, "0", 1, "0", 2, "1"), cpusOfRank, output);
  }

  private String mpirun(Path hosts, Path ranks, int ranksWanted) throws Exception {
    assertTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs 2 cores for slot 1");
    Path agent = Files.writeString(dir.resolve("fake-ssh"), FAKE_SSH);
    Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString("rwx------"));
    List<String> argv =
        new ArrayList<>(
            List.of(
                "mpirun",
                "--mca",
                "rtc_hwloc_vmhole",
                "none",
                "--mca",
                "plm_rsh_agent",
                agent.toString(),
                "--mca",
                "oob_tcp_if_include",
                "lo",
                "--mca",
                "btl_tcp_if_include",
                "lo",
                "--hostfile",
                hosts.toString(),
                "--rankfile",
                ranks.toString(),
                "-np",
                Integer.toString(ranksWanted),
                "/bin/sh",
                "-c",
                REPORT));
    Path log = dir.resolve("mpirun.log");
    ProcessBuilder builder =
        new ProcessBuilder(argv)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .directory(dir.toFile());
    builder.environment().put("OMPI_ALLOW_RUN_AS_ROOT", "1");
    builder.environment().put("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1");
    Process mpirun = builder.start();
    try {
      boolean done = mpirun.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS);
      String output = Files.readString(log);
      assertTrue(done, "mpirun still running after " + DEADLINE_SECONDS + " s:\n" + output);
      assertEquals(0, mpirun.exitValue(), output);
      return output;
    } finally {
      stop(mpirun);
    }
  }

  private static void stop(Process process) throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
