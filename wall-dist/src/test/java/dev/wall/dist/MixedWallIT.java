package dev.wall.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wall.core.layout.Rect;
import dev.wall.core.sync.ScreenState;
import dev.wall.player.display.VirtualDisplay;
import dev.wall.player.testing.ClusterRun;
import dev.wall.player.testing.NamespaceCluster;
import dev.wall.player.testing.Poll;
import dev.wall.player.testing.TestDisplay;
import dev.wall.player.testing.TestWall;
import dev.wall.player.wire.StatusFile;
import dev.wall.player.wire.WallState;
import dev.wall.player.wire.WallStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PC controller with a Pi node: one {@code wall play} from node 1 (x86-64, the controller, with a
 * screen of its own), with a screen on node 2 (x86-64) and one on node 3, a Debian arm64 root under
 * qemu-user given a Pi 4's device tree. Each node has the same package at /opt/wall, and runs its
 * own Java and Open MPI. The arm64 node is emulated, about ten times slower than a Pi, so its sync
 * is judged by the wall's own report (the positions its rank reads from its player), not by pixels,
 * and loosely: within a second (a wall out of step is seconds off).
 */
@Tag("slow")
class MixedWallIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double SECONDS = 4;
  @TempDir static Path dir;
  private static NamespaceCluster cluster;
  private static VirtualDisplay display;

  @BeforeAll
  static void start() throws Exception {
    Arm64Wall wall = Arm64Wall.shared();
    display = TestDisplay.shared();
    cluster = wall.cluster(dir.resolve("cluster"), 2, List.of(dir));
    cluster.node(3).model("Raspberry Pi 4 Model B Rev 1.5");
  }

  /** Runs even when {@link #start} failed half way; the shared display stays for the next test. */
  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static Map<String, Rect> windows() {
    Map<String, Rect> windows = new TreeMap<>();
    windows.put("s1", new Rect(0, 0, 320, 180));
    windows.put("s2", new Rect(320, 0, 320, 180));
    windows.put("s3", new Rect(0, 180, 320, 180));
    return windows;
  }

  private static Path layout(int loops) throws Exception {
    Map<String, String> hosts = new LinkedHashMap<>();
    for (int i = 1; i <= 3; i++) {
      hosts.put("s" + i, cluster.node(i).hostname());
    }
    return TestWall.write(dir, loops, SECONDS, windows(), hosts);
  }

  private static ClusterRun play(Path run, int loops, String... more) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "play",
                layout(loops).toString(),
                "--display",
                display.display(),
                "--run-dir",
                run.resolve("run").toString(),
                "--report",
                run.resolve("report.jsonl").toString()));
    args.addAll(List.of(more));
    return Arm64Wall.controller(cluster, run, args.toArray(String[]::new));
  }

  @Test
  void aPcControllerAndAPiNodePlayTwoLoopsEachNodeOnItsOwnJavaAndOpenMpi(@TempDir Path run)
      throws Exception {
    Files.createDirectories(run);
    cluster.node(3).share(run);
    long started = System.nanoTime();
    try (ClusterRun wall = play(run, 2, "--debug")) {
      ProcessHandle rank =
          until(
              wall,
              run,
              Duration.ofSeconds(180),
              "the arm64 node's rank",
              () -> arm64Rank().orElse(null));
      String rankLine = rank.info().commandLine().orElse("");
      int code = wall.await(Duration.ofSeconds(240));
      double seconds = (System.nanoTime() - started) / 1e9;
      assertEquals(0, code, wall.both());
      assertEquals(2, wall.out().lines().filter(l -> l.startsWith("loop ")).count(), wall.both());
      assertTrue(
          rankLine.startsWith("/usr/bin/qemu-aarch64-static /usr/bin/java "),
          "its own Java, emulated: " + rankLine);
      assertTrue(
          rankLine.contains("-Djava.library.path=/usr/lib/aarch64-linux-gnu/openmpi/lib"),
          "its own Open MPI: " + rankLine);
      assertTrue(!rankLine.contains("amd64") && !rankLine.contains("x86_64"), rankLine);
      List<JsonNode> loops = report(run);
      assertEquals(2, loops.size(), loops.toString());
      for (JsonNode loop : loops) {
        JsonNode s3 = screen(loop, "s3");
        assertEquals("playing", s3.path("state").asText(), loop.toString());
      }
      double skew = loops.get(1).path("maxSkewSeconds").asDouble() * 1000;
      System.out.printf(
          Locale.ROOT,
          "mixed wall (x86 controller, x86 node, arm64 node): 2 loops, exit 0 after %.1f s;"
              + " max skew by the wall's report %.1f ms in loop 1, %.1f ms in loop 2; s3 seeks %d%n",
          seconds,
          loops.get(0).path("maxSkewSeconds").asDouble() * 1000,
          skew,
          screen(loops.get(1), "s3").path("seeks").asInt());
      // An emulated node on a shared machine trails a real one by hundreds of milliseconds at
      // worst;
      // a rank that lost its player's clock, or a wall out of step, is seconds off.
      assertTrue(skew <= 1000, "the second loop's worst skew, emulated: " + skew + " ms");
      String mpvLog = Files.readString(run.resolve("run/screens/s3.mpv.log"));
      assertTrue(
          mpvLog.contains("'--hwdec=v4l2m2m-copy'"),
          "a Pi 4 on bookworm decodes H.264 through v4l2m2m");
      assertTrue(
          mpvLog.contains("Using software decoding"),
          "qemu has no V4L2 decoder: mpv fell back to software");
    }
  }

  @Test
  void aKilledPlayerOnThePiNodeIsReplacedWhileTheOthersPlayOn(@TempDir Path run) throws Exception {
    Files.createDirectories(run);
    cluster.node(3).share(run);
    try (ClusterRun wall = play(run, 4)) {
      until(
          wall,
          run,
          Duration.ofSeconds(180),
          "the first loop",
          () -> wall.out().contains("loop 1/4"));
      ProcessHandle mpv =
          Poll.until(
              Duration.ofSeconds(20),
              "s3's mpv on the arm64 node",
              () ->
                  cluster.node(3).processesRunning("--title=wall:s3").stream()
                      // mpv itself, emulated; not its rank, whose arguments carry the early
                      // player's command line
                      .filter(
                          p ->
                              p.info()
                                  .commandLine()
                                  .orElse("")
                                  .startsWith("/usr/bin/qemu-aarch64-static /usr/bin/mpv "))
                      .findFirst()
                      .orElse(null));
      long killed = System.nanoTime();
      mpv.destroyForcibly();
      WallStatus back =
          until(
              wall,
              run,
              Duration.ofSeconds(90),
              "s3 playing again (status: " + run.resolve("run/status.json") + ")",
              () ->
                  status(run)
                      .filter(
                          s ->
                              screen(s, "s3").restarts() >= 1
                                  && screen(s, "s3").state() == ScreenState.PLAYING)
                      .orElse(null));
      double recovery = (System.nanoTime() - killed) / 1e9;
      assertTrue(
          screen(back, "s1").state() == ScreenState.PLAYING
              && screen(back, "s2").state() == ScreenState.PLAYING,
          back.toString());
      int code = wall.await(Duration.ofSeconds(120));
      System.out.printf(
          Locale.ROOT,
          "a killed player on the arm64 node: playing again after %.1f s; the wall exit %d%n",
          recovery,
          code);
      assertEquals(0, code, wall.both());
    }
  }

  @Test
  void thePiNodesCablePulledIsNoticedAsOnAPcNode(@TempDir Path run) throws Exception {
    Files.createDirectories(run);
    cluster.node(3).share(run);
    NamespaceCluster.Node pi = cluster.node(3);
    try (ClusterRun wall = play(run, 4)) {
      until(
          wall,
          run,
          Duration.ofSeconds(180),
          "the first loop",
          () -> wall.out().contains("loop 1/4"));
      long pulled = System.nanoTime();
      pi.linkDown();
      try {
        int code = wall.await(Duration.ofSeconds(60));
        double seconds = (System.nanoTime() - pulled) / 1e9;
        String said = wall.err().strip();
        System.out.printf(
            Locale.ROOT,
            "link down on the arm64 node: exit %d after %.1f s: %s%n",
            code,
            seconds,
            said);
        assertEquals(3, code, wall.both());
        assertTrue(seconds <= 20, "exit 3 after " + seconds + " s");
        assertTrue(said.contains(pi.hostname()) && said.contains("screen s3"), said);
      } finally {
        pi.linkUp();
      }
    }
  }

  /** Polls for {@code what}; on timeout, says what the wall and the arm64 node's sshd said. */
  private static <T> T until(
      ClusterRun wall,
      Path run,
      Duration timeout,
      String what,
      java.util.concurrent.Callable<T> probe)
      throws Exception {
    try {
      return Poll.until(timeout, Duration.ofMillis(250), what, probe);
    } catch (AssertionError e) {
      Path file = run.resolve("run/status.json");
      String status = Files.exists(file) ? Files.readString(file) : "none";
      throw new AssertionError(
          e.getMessage()
              + "\n"
              + wall.both()
              + "\nstatus: "
              + status
              + "\nnode 3's processes: "
              + cluster.node(3).processes().stream()
                  .map(p -> p.info().commandLine().orElse("?"))
                  .map(c -> c.length() > 200 ? c.substring(0, 200) : c)
                  .toList(),
          e);
    }
  }

  /**
   * The wall's rank on the arm64 node: an emulated java (qemu runs it) with MPI's rank in its
   * environment.
   */
  private static Optional<ProcessHandle> arm64Rank() throws Exception {
    return cluster.node(3).processesRunning("dev.wall.player.rank.RankMain").stream()
        .filter(p -> p.info().commandLine().orElse("").contains("/java "))
        .filter(
            p ->
                !p.info()
                    .commandLine()
                    .orElse("")
                    .contains(" -c ")) // the script, before it runs Java
        .filter(MixedWallIT::hasRank)
        .findFirst();
  }

  private static boolean hasRank(ProcessHandle p) {
    try {
      return Files.readString(
              Path.of("/proc", String.valueOf(p.pid()), "environ"),
              java.nio.charset.StandardCharsets.ISO_8859_1)
          .contains("OMPI_COMM_WORLD_RANK=");
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static List<JsonNode> report(Path run) throws Exception {
    List<JsonNode> loops = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve("report.jsonl"))) {
      if (!line.isBlank()) {
        loops.add(JSON.readTree(line));
      }
    }
    return loops;
  }

  private static JsonNode screen(JsonNode loop, String name) {
    for (JsonNode screen : loop.path("screens")) {
      if (screen.path("name").asText().equals(name)) {
        return screen;
      }
    }
    throw new AssertionError("no screen " + name + " in " + loop);
  }

  private static Optional<WallStatus> status(Path run) throws Exception {
    return StatusFile.read(run.resolve("run")).map(WallState::status);
  }

  private static WallStatus.Screen screen(WallStatus status, String name) {
    return status.screens().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }
}
