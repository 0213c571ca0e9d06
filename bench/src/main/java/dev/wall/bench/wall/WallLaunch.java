package dev.wall.bench.wall;

import dev.wall.bench.baseline.SeedRankMain;
import dev.wall.player.launch.LocalMachine;
import dev.wall.player.launch.MpirunCommand;
import dev.wall.player.process.ChildProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts a wall the way a technician would, as a child process we keep the handle of. */
public final class WallLaunch {
  /** bin/wall's JVM options for the controller, so start-up is what a user sees. */
  static final List<String> CONTROLLER_JVM_OPTIONS = List.of("-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
  public static final String WALL_MAIN = "dev.wall.player.cli.WallMain";

  private WallLaunch() {}

  /**
   * {@code wall play LAYOUT --forever}, the real CLI in its own JVM, from this JVM's classpath
   * (which the controller hands on to its ranks).
   */
  public static ChildProcess play(Path layout, String display, Path runDir, Path report, Map<String, String> env,
      Path log) throws IOException {
    List<String> argv = new ArrayList<>(List.of(java()));
    argv.addAll(CONTROLLER_JVM_OPTIONS);
    argv.addAll(List.of("-cp", classpath(), WALL_MAIN, "play", layout.toString(), "--forever",
        "--display", display, "--run-dir", runDir.toString(), "--report", report.toString()));
    return ChildProcess.start("wall play", argv, log, env);
  }

  /**
   * The seed tutorial's method under the same mpirun: one {@link SeedRankMain} per screen, each
   * meeting a barrier and then spawning its player, loop after loop.
   */
  public static ChildProcess seed(Path layout, int screens, String display, Path runDir, Map<String, String> env,
      Path log) throws IOException {
    Map<String, String> withDisplay = new java.util.HashMap<>(env);
    withDisplay.put("DISPLAY", display);
    java.nio.file.Files.createDirectories(runDir);
    return ChildProcess.start("seed wall", seedArgv(layout, screens, runDir, LocalMachine.detect()), log,
        withDisplay);
  }

  static List<String> seedArgv(Path layout, int screens, Path runDir, LocalMachine local) {
    List<String> argv = new ArrayList<>(List.of("mpirun"));
    if (local.root()) {
      argv.add("--allow-run-as-root");
    }
    if (screens > local.cores()) {
      argv.addAll(List.of("--oversubscribe", "--mca", "mpi_yield_when_idle", "1"));
    }
    argv.addAll(List.of("--bind-to", "none", "-x", "DISPLAY", "-np", String.valueOf(screens),
        "--host", "localhost:" + screens, java()));
    argv.addAll(MpirunCommand.RANK_JVM_OPTIONS);
    argv.addAll(List.of("-cp", classpath(), SeedRankMain.class.getName(), layout.toString(),
        runDir.toString()));
    return argv;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String classpath() {
    return System.getProperty("java.class.path");
  }
}
