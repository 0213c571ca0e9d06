package dev.wall.bench.wall;

import dev.wall.bench.seed.SeedRankMain;
import dev.wall.player.launch.MpirunCommand;
import dev.wall.player.launch.RankClassArchive;
import dev.wall.player.nodes.LocalMachine;
import dev.wall.player.process.ChildProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts a wall the way a technician would, as a child process we keep the handle of. */
public final class WallLaunch {
  /** bin/wall's JVM options for the controller, so start-up and memory are what a user sees. */
  static final List<String> CONTROLLER_JVM_OPTIONS =
      List.of(
          "-Xms8m",
          "-Xmx96m",
          "-XX:+AlwaysPreTouch",
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1");

  public static final String WALL_MAIN = "dev.wall.player.cli.WallMain";

  private WallLaunch() {}

  /**
   * {@code wall play LAYOUT --forever}, the real CLI in its own JVM, from this JVM's classpath
   * (which the controller hands on to its ranks).
   */
  public static ChildProcess play(
      Path layout, String display, Path runDir, Path report, Map<String, String> env, Path log)
      throws IOException {
    return play(layout, display, runDir, report, env, log, null);
  }

  /**
   * The same, on the controller {@code node} of a namespace cluster (with the cluster's home, and
   * so its ssh config), or here when {@code node} is null.
   */
  public static ChildProcess play(
      Path layout,
      String display,
      Path runDir,
      Path report,
      Map<String, String> env,
      Path log,
      dev.wall.player.testing.NamespaceCluster.Node node)
      throws IOException {
    return play(WallBuild.current(), layout, display, runDir, report, env, log, node);
  }

  /** The same, with {@code build}'s wall. */
  public static ChildProcess play(
      WallBuild build,
      Path layout,
      String display,
      Path runDir,
      Path report,
      Map<String, String> env,
      Path log,
      dev.wall.player.testing.NamespaceCluster.Node node)
      throws IOException {
    List<String> argv = new ArrayList<>(List.of(java()));
    argv.addAll(CONTROLLER_JVM_OPTIONS);
    if (node != null) {
      argv.add("-Duser.home=" + node.home());
    }
    Path archive = controllerArchive(build.classpath());
    if (java.nio.file.Files.isReadable(archive)) {
      argv.addAll(
          List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
    }
    argv.addAll(
        List.of(
            "-cp",
            build.classpath(),
            WALL_MAIN,
            "play",
            layout.toString(),
            "--forever",
            "--display",
            display,
            "--run-dir",
            runDir.toString(),
            "--report",
            report.toString()));
    return ChildProcess.start("wall play", node == null ? argv : node.exec(argv), log, env);
  }

  /**
   * The seed tutorial's method under the same mpirun: one {@link SeedRankMain} per screen, each
   * meeting a barrier and then spawning its player, loop after loop.
   */
  public static ChildProcess seed(
      Path layout, int screens, String display, Path runDir, Map<String, String> env, Path log)
      throws IOException {
    Map<String, String> withDisplay = new java.util.HashMap<>(env);
    withDisplay.put("DISPLAY", display);
    java.nio.file.Files.createDirectories(runDir);
    return ChildProcess.start(
        "seed wall", seedArgv(layout, screens, runDir, LocalMachine.detect()), log, withDisplay);
  }

  static List<String> seedArgv(Path layout, int screens, Path runDir, LocalMachine local) {
    List<String> argv = new ArrayList<>(List.of("mpirun"));
    argv.addAll(MpirunCommand.COMMON_MCA);
    if (local.root()) {
      argv.add("--allow-run-as-root");
    }
    if (screens > local.cores()) {
      argv.addAll(List.of("--oversubscribe", "--mca", "mpi_yield_when_idle", "1"));
    }
    argv.addAll(
        List.of(
            "--bind-to",
            "none",
            "-x",
            "DISPLAY",
            "-np",
            String.valueOf(screens),
            "--host",
            "localhost:" + screens,
            java()));
    argv.addAll(MpirunCommand.RANK_JVM_OPTIONS);
    argv.addAll(
        List.of(
            "-cp",
            ownClasspath(),
            SeedRankMain.class.getName(),
            layout.toString(),
            runDir.toString()));
    return argv;
  }

  /**
   * The state of a node after its first show, as {@code bin/wall} leaves it: the ranks' class
   * archive ({@code wall play --warm-up}) and the controller's own, both recorded by this run.
   */
  public static void warmUp(Path layout, Path runDir, Path log)
      throws IOException, InterruptedException {
    warmUp(layout, runDir, log, null);
  }

  /** The same, on the controller {@code node} of a namespace cluster, or here when it is null. */
  public static void warmUp(
      Path layout, Path runDir, Path log, dev.wall.player.testing.NamespaceCluster.Node node)
      throws IOException, InterruptedException {
    warmUp(WallBuild.current(), layout, runDir, log, node);
  }

  /** The same, with {@code build}'s wall. */
  public static void warmUp(
      WallBuild build,
      Path layout,
      Path runDir,
      Path log,
      dev.wall.player.testing.NamespaceCluster.Node node)
      throws IOException, InterruptedException {
    Path archive = controllerArchive(build.classpath());
    java.nio.file.Files.createDirectories(archive.getParent());
    List<String> argv = new ArrayList<>(List.of(java()));
    argv.addAll(CONTROLLER_JVM_OPTIONS);
    if (node != null) {
      argv.add("-Duser.home=" + node.home());
    }
    if (!java.nio.file.Files.exists(archive) && RankClassArchive.archivable(build.classpath())) {
      argv.addAll(
          List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
    }
    argv.addAll(
        List.of(
            "-cp",
            build.classpath(),
            WALL_MAIN,
            "play",
            layout.toString(),
            "--warm-up",
            "--run-dir",
            runDir.toString()));
    try (ChildProcess warm =
        ChildProcess.start(
            "wall play --warm-up", node == null ? argv : node.exec(argv), log, Map.of())) {
      if (warm.waitFor(java.time.Duration.ofSeconds(120)).orElse(-1) != 0) {
        throw new IOException("wall play --warm-up failed: " + warm.lastLogLines(5));
      }
    }
  }

  /** Where the bench keeps a controller JVM's class archive, one per build of the wall it plays. */
  private static Path controllerArchive(String classpath) {
    return Path.of(
        System.getProperty("java.io.tmpdir"),
        "wall-bench-controller-"
            + Integer.toHexString(classpath.hashCode())
            + "-"
            + Long.toHexString(jarStamp(classpath))
            + ".jsa");
  }

  private static long jarStamp(String classpath) {
    long stamp = 0;
    for (String entry : classpath.split(java.io.File.pathSeparator)) {
      stamp = stamp * 31 + Path.of(entry).toFile().lastModified();
    }
    return stamp;
  }

  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * The walls run from jars, as {@code bin/wall} runs them, even when this JVM runs from build
   * folders (an integration test): class archives refuse folders, and start-up is judged as a user
   * sees it. Open MPI's jar is in target/lib (else taken from this JVM's own classpath).
   */
  public static String ownClasspath() {
    String own = System.getProperty("java.class.path");
    Path target = dev.wall.core.testing.RepoFiles.root().resolve("bench/target");
    try (var jars = java.nio.file.Files.list(target.resolve("lib"));
        var built = java.nio.file.Files.list(target)) {
      List<String> entries = new ArrayList<>();
      built
          .map(Path::toString)
          .filter(n -> n.matches(".*/wall-bench-[^/]*\\.jar") && !n.endsWith("-tests.jar"))
          .forEach(entries::add);
      jars.map(Path::toString).filter(n -> n.endsWith(".jar")).sorted().forEach(entries::add);
      if (entries.stream().noneMatch(e -> e.matches(".*/mpi[^/]*\\.jar"))) {
        java.util.Arrays.stream(own.split(java.io.File.pathSeparator))
            .filter(e -> e.matches(".*/mpi[^/]*\\.jar"))
            .findFirst()
            .ifPresent(entries::add);
      }
      return entries.size() > 2 ? String.join(java.io.File.pathSeparator, entries) : own;
    } catch (IOException e) {
      return own;
    }
  }
}
