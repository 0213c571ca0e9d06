package dev.wall.bench.cluster;

import dev.wall.player.testing.NamespaceCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Delay and jitter on every node's link with {@code tc netem}, where the kernel has it. Machines
 * without the {@code sch_netem} module refuse the qdisc; the case then runs on the plain links and
 * says so.
 */
public final class Netem {
  private Netem() {}

  /**
   * Adds {@code delay} ± {@code jitter} on each node's eth0; returns a note saying what was done.
   */
  public static String delayEveryLink(NamespaceCluster cluster, String delay, String jitter) {
    String refused = null;
    for (NamespaceCluster.Node node : cluster.nodes()) {
      String failure =
          run(
              List.of(
                  "tc",
                  "-n",
                  node.netns(),
                  "qdisc",
                  "add",
                  "dev",
                  "eth0",
                  "root",
                  "netem",
                  "delay",
                  delay,
                  jitter));
      if (failure != null) {
        refused = failure;
        break;
      }
    }
    return refused == null
        ? "netem: " + delay + " ± " + jitter + " on every node's link"
        : "netem: not available here (" + refused + "); the links ran without added delay";
  }

  private static String run(List<String> argv) {
    try {
      Path out = Files.createTempFile("wall-tc", ".out");
      try {
        Process tc =
            new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!tc.waitFor(10, TimeUnit.SECONDS)) {
          tc.destroyForcibly();
          return "tc did not finish";
        }
        return tc.exitValue() == 0 ? null : Files.readString(out).strip();
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      return e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
