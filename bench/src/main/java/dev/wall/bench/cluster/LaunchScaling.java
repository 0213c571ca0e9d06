package dev.wall.bench.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wall.bench.report.Machine;
import dev.wall.bench.wall.Clips;
import dev.wall.player.process.ChildProcess;
import dev.wall.player.testing.NamespaceCluster;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Launch scaling across hosts: the real {@code wall play}, started inside node 1 of a namespace
 * cluster as on a controller Pi, for walls of 4 local ranks (the baseline, same run), and 4, 8 and
 * 16 nodes. Players are real mpv with {@code --vo=null}: they decode and are driven as on a wall
 * but draw nothing, so 32 of them fit on a small machine. Per wall: launch to release (from
 * starting {@code wall play} to rank 0's "playing:" line) and what a control round costs rank 0
 * (gather, decide, broadcast: the median and worst of a loop), and the checks before a start.
 */
public final class LaunchScaling {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

  /**
   * One wall to launch: a name, how many nodes, screens per node; all on node 1 when {@code local}.
   */
  public record Wall(String name, int nodes, int perNode, boolean local) {
    int screens() {
      return nodes * perNode;
    }
  }

  /** What one launch measured. */
  public record Row(
      Wall wall,
      double launchToRelease,
      double roundMedianMs,
      double roundMaxMs,
      int rounds,
      double preflightSeconds,
      String failure) {}

  private final Path dir;
  private final Clips clips;
  private final PrintStream progress;

  public LaunchScaling(Path dir, Clips clips, PrintStream progress) {
    this.dir = dir;
    this.clips = clips;
    this.progress = progress;
  }

  /** Launches each wall in turn on one cluster of as many nodes as the largest needs. */
  public List<Row> run(List<Wall> walls) throws IOException, InterruptedException {
    clips.ensure(List.of("s1"));
    int nodes = walls.stream().mapToInt(Wall::nodes).max().orElse(1);
    Files.createDirectories(dir);
    List<Row> rows = new ArrayList<>();
    try (NamespaceCluster cluster = NamespaceCluster.start(dir.resolve("cluster"), nodes)) {
      Path warmLayout = layout(cluster, new Wall("warm-up", 1, 1, true));
      runInNode1(
          cluster,
          List.of(
              "play",
              warmLayout.toString(),
              "--warm-up",
              "--run-dir",
              dir.resolve("run").toString()),
          dir.resolve("warm-up.log"));
      for (Wall wall : walls) {
        progress.println("bench: scaling: " + wall.name() + " (" + wall.screens() + " screens)");
        rows.add(launch(cluster, wall));
      }
    }
    return rows;
  }

  /**
   * Only the checks before a start, on a wall of {@code nodes} nodes with one screen each: {@code
   * runs} runs from node 1; their median in seconds.
   */
  public double preflightOnly(int nodes, int runs) throws IOException, InterruptedException {
    clips.ensure(List.of("s1"));
    // The run folder as wall play makes it (the user's alone), so that the nodes sweep it.
    Files.createDirectories(dir.resolve("run"));
    Files.setPosixFilePermissions(
        dir.resolve("run"), java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    try (NamespaceCluster cluster = NamespaceCluster.start(dir.resolve("cluster"), nodes)) {
      return preflight(cluster, layout(cluster, new Wall(nodes + " nodes", nodes, 1, false)), runs);
    }
  }

  private Row launch(NamespaceCluster cluster, Wall wall) throws IOException, InterruptedException {
    Path layout = layout(cluster, wall);
    Path report = dir.resolve(wall.name() + "-report.json");
    Files.deleteIfExists(report);
    Path log = dir.resolve(wall.name() + "-wall.log");
    Files.deleteIfExists(log);
    double preflight = preflight(cluster, layout, 3);
    long launched = System.nanoTime();
    ChildProcess play =
        start(
            cluster,
            List.of(
                "play",
                layout.toString(),
                "--loops",
                "1",
                "--report",
                report.toString(),
                "--run-dir",
                dir.resolve("run").toString()),
            log);
    double released = -1;
    long deadline = launched + RUN_TIMEOUT.toNanos();
    while (play.isAlive() && System.nanoTime() < deadline) {
      if (released < 0 && Files.readString(log, StandardCharsets.UTF_8).contains("playing: ")) {
        released = (System.nanoTime() - launched) / 1e9;
      }
      LockSupport.parkNanos(5_000_000);
    }
    int code = play.isAlive() ? -1 : play.process().exitValue();
    play.stop(Duration.ofSeconds(3));
    if (code != 0 || !Files.exists(report)) {
      return new Row(
          wall,
          released,
          0,
          0,
          0,
          preflight,
          "exit " + code + ": " + String.join(" | ", play.lastLogLines(3)));
    }
    JsonNode loop = JSON.readTree(report.toFile()).get("loops").get(0);
    return new Row(
        wall,
        released,
        loop.get("roundMillisMedian").asDouble(),
        loop.get("roundMillisMax").asDouble(),
        (int) Math.round(loop.get("seconds").asDouble()),
        preflight,
        null);
  }

  /** The median of {@code runs} runs of the checks before a start, from node 1. */
  private double preflight(NamespaceCluster cluster, Path layout, int runs)
      throws IOException, InterruptedException {
    Path log = dir.resolve("preflight.log");
    Files.deleteIfExists(log);
    List<String> argv =
        new ArrayList<>(
            List.of(
                java(),
                "-Duser.home=" + cluster.home(),
                "-cp",
                classpath(),
                PreflightTimer.class.getName(),
                layout.toString(),
                dir.resolve("run").toString(),
                String.valueOf(runs)));
    try (ChildProcess timer =
        ChildProcess.start(
            "preflight timer", cluster.node(1).exec(argv), log, java.util.Map.of())) {
      timer.waitFor(Duration.ofSeconds(120));
    }
    for (String line : Files.readAllLines(log)) {
      progress.println("bench: " + line);
      if (line.startsWith("preflight [")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return -1;
  }

  /** One clip for every screen, 1 loop, 80x45 windows, drawing nothing. */
  private Path layout(NamespaceCluster cluster, Wall wall) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", 1);
    root.put("name", "scaling-" + wall.name());
    root.put("loops", 1);
    root.put("player", "mpv");
    root.put("mediaRoot", clips.dir().toAbsolutePath().toString());
    ArrayNode screens = root.putArray("screens");
    for (int i = 0; i < wall.screens(); i++) {
      ObjectNode screen = screens.addObject();
      screen.put("name", "s" + (i + 1));
      screen.put("host", cluster.node(wall.local() ? 1 : 1 + i / wall.perNode()).hostname());
      ObjectNode window = screen.putObject("window");
      window.put("x", (i % 16) * 80);
      window.put("y", (i / 16) * 45);
      window.put("width", 80);
      window.put("height", 45);
      screen.put("media", Clips.fileName("s1"));
      screen.putArray("playerArgs").add("--vo=null");
    }
    Path file = dir.resolve(wall.name() + ".json");
    JSON.writeValue(file.toFile(), root);
    return file;
  }

  private ChildProcess start(NamespaceCluster cluster, List<String> wallArgs, Path log)
      throws IOException {
    List<String> argv =
        new ArrayList<>(
            List.of(
                java(),
                "-Xmx96m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Duser.home=" + cluster.home(),
                "-cp",
                classpath(),
                "dev.wall.player.cli.WallMain"));
    argv.addAll(wallArgs);
    return ChildProcess.start(
        "wall in node 1", cluster.node(1).exec(argv), log, java.util.Map.of());
  }

  private void runInNode1(NamespaceCluster cluster, List<String> wallArgs, Path log)
      throws IOException, InterruptedException {
    try (ChildProcess wall = start(cluster, wallArgs, log)) {
      wall.waitFor(Duration.ofSeconds(120));
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String classpath() {
    return System.getProperty("java.class.path");
  }

  /** The table, with the machine and its load. */
  public static String table(List<Row> rows, String started, String loads) {
    StringBuilder text = new StringBuilder();
    text.append("Launch scaling across hosts, ").append(started).append('\n');
    text.append("Machine: ").append(Machine.describe()).append('\n');
    text.append("Load average at the start (1, 5, 15 min): ")
        .append(loads)
        .append("; now: ")
        .append(Machine.loads())
        .append('\n');
    text.append(
        "Each node a network namespace with its own sshd; wall play started inside node 1; mpv --vo=null.\n\n");
    text.append(
        "| wall | nodes | screens | launch to release s | control round median ms | worst ms | checks before start s |\n");
    text.append("| --- | --- | --- | --- | --- | --- | --- |\n");
    for (Row r : rows) {
      text.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %s | %.2f | %.2f | %.2f |%s%n",
              r.wall().name(),
              r.wall().local() ? 1 : r.wall().nodes(),
              r.wall().screens(),
              r.launchToRelease() < 0
                  ? "never"
                  : String.format(Locale.ROOT, "%.2f", r.launchToRelease()),
              r.roundMedianMs(),
              r.roundMaxMs(),
              r.preflightSeconds(),
              r.failure() == null ? "" : " " + r.failure()));
    }
    return text.toString();
  }
}
