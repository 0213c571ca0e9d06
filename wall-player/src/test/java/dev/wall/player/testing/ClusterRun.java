package dev.wall.player.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The wall CLI run inside node 1 of a {@link NamespaceCluster}, as a technician runs it on the
 * controller: its own JVM, the cluster's home (and so {@code wall setup ssh}'s config), its output
 * kept in files.
 */
public final class ClusterRun implements AutoCloseable {
  private final Process process;
  private final Path out;
  private final Path err;
  private final long startedNanos = System.nanoTime();

  private ClusterRun(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /** {@code wall ARGS} inside node 1; its output goes to {@code dir}. */
  public static ClusterRun start(NamespaceCluster cluster, Path dir, String... args)
      throws IOException {
    List<String> wall =
        new ArrayList<>(
            List.of(
                Project.java(),
                "-Duser.home=" + cluster.home(),
                "-cp",
                Project.classpath(),
                "dev.wall.player.cli.WallMain"));
    wall.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "wall", ".out");
    Path err = Files.createTempFile(dir, "wall", ".err");
    Process process =
        new ProcessBuilder(cluster.node(1).exec(wall))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    return new ClusterRun(process, out, err);
  }

  /**
   * {@code command} inside {@code node} (an installed wall, say), with {@code environment} added to
   * this process's; its output goes to {@code dir}.
   */
  public static ClusterRun start(
      NamespaceCluster.Node node, Path dir, List<String> command, Map<String, String> environment)
      throws IOException {
    Path out = Files.createTempFile(dir, "wall", ".out");
    Path err = Files.createTempFile(dir, "wall", ".err");
    ProcessBuilder builder =
        new ProcessBuilder(node.exec(command))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().putAll(environment);
    return new ClusterRun(builder.start(), out, err);
  }

  /** Its exit code, once it exits within {@code timeout}. */
  public int await(Duration timeout) throws Exception {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(
          "wall did not exit within " + timeout + "\nstdout:\n" + out() + "\nstderr:\n" + err());
    }
    return process.exitValue();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Seconds since it was started. */
  public double seconds() {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  public String out() throws IOException {
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  public String err() throws IOException {
    return Files.readString(err, StandardCharsets.UTF_8);
  }

  public String both() throws IOException {
    return "stdout:\n" + out() + "\nstderr:\n" + err();
  }

  /**
   * The wall's ranks running on {@code node} right now, by their MPI rank (from their environment).
   */
  public static Map<Integer, ProcessHandle> ranksOn(NamespaceCluster.Node node) throws IOException {
    Map<Integer, ProcessHandle> ranks = new TreeMap<>();
    for (ProcessHandle p : node.processesRunning("dev.wall.player.rank.RankMain")) {
      if (!p.info().command().orElse("").endsWith("/java")) {
        continue; // mpirun's own command line names every rank's
      }
      try {
        String environ =
            Files.readString(
                Path.of("/proc", String.valueOf(p.pid()), "environ"), StandardCharsets.ISO_8859_1);
        for (String variable : environ.split("\0")) {
          if (variable.startsWith("OMPI_COMM_WORLD_RANK=")) {
            ranks.put(Integer.parseInt(variable.substring("OMPI_COMM_WORLD_RANK=".length())), p);
          }
        }
      } catch (IOException e) {
        // It exited meanwhile.
      }
    }
    return ranks;
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
