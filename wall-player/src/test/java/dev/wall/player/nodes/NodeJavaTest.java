package dev.wall.player.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The script that runs a node's own Java, run for real by /bin/sh on this machine. */
class NodeJavaTest {
  @TempDir Path dir;

  private record Ran(int code, String out) {}

  private Ran run(List<String> argv) throws IOException, InterruptedException {
    Path out = dir.resolve("out");
    Process p =
        new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return new Ran(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }

  @Test
  void aRankGetsThisNodesOwnJavaAndTheFolderOfThisNodesLibmpiJava() throws Exception {
    Path lib = Path.of("/usr/lib", multiarch(), "openmpi/lib/libmpi_java.so");
    assumeTrue(Files.exists(lib), "Open MPI's Java library is installed (bin/bootstrap)");
    List<String> command =
        NodeJava.command(
            NodeJava.Kind.RANK,
            List.of("-XshowSettings:properties"),
            "/nowhere.jar",
            "-version",
            List.of());
    assertEquals(
        List.of("/bin/sh", "-c", NodeJava.SCRIPT, "wall-java", "rank", NodeJava.wall()),
        command.subList(0, 6),
        "a fixed script, everything else its arguments");
    // -cp /nowhere.jar -version: the JVM prints its settings and version, and runs no class.
    Ran ran = run(command);
    assertEquals(0, ran.code(), ran.out());
    assertTrue(ran.out().contains("java.library.path = " + lib.getParent()), ran.out());
  }

  @Test
  void aProbeNeedsNoOpenMpi() throws Exception {
    Ran ran =
        run(
            NodeJava.command(
                NodeJava.Kind.PROBE,
                List.of("-XshowSettings:properties"),
                "/x.jar",
                "-version",
                List.of()));
    assertEquals(0, ran.code(), ran.out());
    assertTrue(
        !ran.out().contains("java.library.path = /usr/lib/" + multiarch() + "/openmpi"), ran.out());
  }

  /**
   * The script is fixed text: shell syntax in its arguments reaches Java as text and never runs.
   */
  @Test
  void argumentsWithShellSyntaxReachJavaAsTextAndNoneOfItRuns() throws Exception {
    Path marker = dir.resolve("ran");
    String hostile = "a b; touch " + marker + " $(touch " + marker + ") `touch " + marker + "` *";
    Ran ran =
        run(
            NodeJava.command(
                NodeJava.Kind.PROBE,
                List.of("-Dwall.hostile=" + hostile, "-XshowSettings:properties"),
                "/x.jar",
                "-version",
                List.of(hostile)));
    assertEquals(0, ran.code(), ran.out());
    assertTrue(ran.out().contains("wall.hostile = " + hostile), ran.out());
    assertTrue(!Files.exists(marker), "nothing of the argument ran as shell");
  }

  @Test
  void aNodeWithoutTheWallAtTheControllersPathSaysSoInOneLineWithItsMachine() throws Exception {
    List<String> command =
        new ArrayList<>(
            NodeJava.command(NodeJava.Kind.PROBE, List.of(), "/x.jar", "Main", List.of()));
    command.set(5, dir.resolve("no-such-wall.jar").toString());
    Ran ran = run(command);
    assertEquals(NodeJava.NO_WALL_CODE, ran.code());
    String host = java.net.InetAddress.getLocalHost().getHostName();
    assertEquals(
        "wall-java: no wall at "
            + dir.resolve("no-such-wall.jar")
            + " on "
            + host
            + " ("
            + NodeJava.machine()
            + ")"
            + (Files.exists(Path.of(NodeJava.INSTALLED)) ? "; it has one in /opt/wall" : ""),
        ran.out().strip());
    assertEquals(RemoteNodes.Unreached.NOT_INSTALLED, RemoteNodes.classify(ran.code(), ran.out()));
  }

  @Test
  void javasArchitectureIsNamedAsUnameNamesIt() {
    assertEquals("x86_64", NodeJava.machine("amd64"));
    assertEquals("aarch64", NodeJava.machine("aarch64"));
  }

  private static String multiarch() {
    return NodeJava.machine() + "-linux-gnu";
  }
}
