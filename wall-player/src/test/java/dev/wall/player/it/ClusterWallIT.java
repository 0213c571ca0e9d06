package dev.wall.player.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Rect;
import dev.wall.player.display.VirtualDisplay;
import dev.wall.player.playertest.Frames;
import dev.wall.player.testing.ClusterRun;
import dev.wall.player.testing.NamespaceCluster;
import dev.wall.player.testing.Poll;
import dev.wall.player.testing.Quiet;
import dev.wall.player.testing.TestCluster;
import dev.wall.player.testing.TestDisplay;
import dev.wall.player.testing.TestWall;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wall play} across hosts: four nodes of the {@link TestCluster}, each with its own host
 * name and sshd, one shared Xvfb, the wall started from inside node 1 as on a controller Pi.
 */
@ExtendWith(TestCluster.class)
class ClusterWallIT {
  private static final int FRAMES = 120;
  private static final int LOOPS = 4;
  @TempDir static Path dir;
  private static NamespaceCluster cluster;
  private static VirtualDisplay display;

  @BeforeAll
  static void takeClusterAndDisplay(NamespaceCluster shared) throws Exception {
    cluster = shared;
    display = TestDisplay.shared();
  }

  private static Map<String, Rect> quadrants() {
    Map<String, Rect> windows = new TreeMap<>();
    windows.put("s1", new Rect(0, 0, 320, 180));
    windows.put("s2", new Rect(320, 0, 320, 180));
    windows.put("s3", new Rect(0, 180, 320, 180));
    windows.put("s4", new Rect(320, 180, 320, 180));
    return windows;
  }

  @Test
  @Quiet
  void fourNodesPlayFourLoopsEachRankOnItsOwnHostEveryScreenWithinOneFrame(@TempDir Path run)
      throws Exception {
    Map<String, String> hosts = new LinkedHashMap<>();
    for (int i = 1; i <= 4; i++) {
      hosts.put("s" + i, cluster.node(i).hostname());
    }
    // Four loops of 4 s: the screenshots, one process each, must all fall within the wall's
    // play after the first loop, even on a busy machine.
    Path layout = TestWall.write(dir, LOOPS, FRAMES / 30.0, quadrants(), hosts);
    try (ClusterRun wall =
        ClusterRun.start(
            cluster,
            run,
            "play",
            layout.toString(),
            "--display",
            display.display(),
            "--run-dir",
            run.resolve("run").toString())) {
      for (int i = 1; i <= 4; i++) {
        NamespaceCluster.Node node = cluster.node(i);
        int rank = i - 1;
        Map<Integer, ProcessHandle> ranks =
            Poll.until(
                Duration.ofSeconds(60),
                "rank " + rank + " on " + node,
                () -> ClusterRun.ranksOn(node).isEmpty() ? null : ClusterRun.ranksOn(node));
        assertEquals(
            List.of(rank), List.copyOf(ranks.keySet()), "the ranks in " + node + "'s namespace");
      }
      Poll.until(
          Duration.ofSeconds(60), "the first loop", () -> wall.out().contains("loop 1/" + LOOPS));
      List<Integer> spreads = spreads(quadrants(), 8);
      int code = wall.await(Duration.ofSeconds(60));
      assertEquals(0, code, wall.both());
      assertEquals(
          LOOPS, wall.out().lines().filter(l -> l.startsWith("loop ")).count(), wall.both());
      assertTrue(
          spreads.stream().allMatch(s -> s <= 1),
          "frames apart on screen, per screenshot: " + spreads);
      System.out.println("4 nodes over ssh: spread per screenshot " + spreads);
    }
  }

  @Test
  void twoScreensOnOneNodeAsOnAPi4WithTwoHdmiOutputs(@TempDir Path run) throws Exception {
    Map<String, String> hosts =
        Map.of(
            "s1",
            cluster.node(1).hostname(),
            "s2",
            cluster.node(2).hostname(),
            "s3",
            cluster.node(2).hostname(),
            "s4",
            cluster.node(3).hostname());
    Path layout = TestWall.write(dir, 1, FRAMES / 30.0, quadrants(), hosts);
    try (ClusterRun wall =
        ClusterRun.start(
            cluster,
            run,
            "play",
            layout.toString(),
            "--display",
            display.display(),
            "--run-dir",
            run.resolve("run").toString())) {
      Map<Integer, ProcessHandle> onNode2 =
          Poll.until(
              Duration.ofSeconds(60),
              "two ranks on node 2",
              () ->
                  ClusterRun.ranksOn(cluster.node(2)).size() == 2
                      ? ClusterRun.ranksOn(cluster.node(2))
                      : null);
      assertEquals(List.of(1, 2), List.copyOf(onNode2.keySet()));
      assertEquals(0, wall.await(Duration.ofSeconds(60)), wall.both());
      assertTrue(wall.out().contains("loop 1/1"), wall.both());
    }
  }

  @Test
  void aRemoteRankKilledStopsTheWallWithExit3NamingItsScreenAndNoNodeKeepsAnOrphan(
      @TempDir Path run) throws Exception {
    try (ClusterRun wall =
        ClusterRun.start(
            cluster,
            run,
            "play",
            fourNodeWall(3).toString(),
            "--display",
            display.display(),
            "--run-dir",
            run.resolve("run").toString())) {
      Poll.until(Duration.ofSeconds(60), "the first loop", () -> wall.out().contains("loop 1/3"));
      ProcessHandle rank = ClusterRun.ranksOn(cluster.node(3)).get(2);
      long killed = System.nanoTime();
      rank.destroyForcibly();
      int code = wall.await(Duration.ofSeconds(30));
      double seconds = (System.nanoTime() - killed) / 1e9;
      System.out.printf("kill -9 of a remote rank: exit %d after %.1f s%n", code, seconds);
      assertEquals(3, code, wall.both());
      assertTrue(seconds <= 15, "exit 3 after " + seconds + " s");
      assertTrue(
          wall.err().contains("screen s3") && wall.err().contains(cluster.node(3).hostname()),
          wall.both());
      assertNothingOfTheWallOn(cluster.nodes(), Duration.ofSeconds(5));
    }
  }

  @Test
  void aPulledCableStopsTheWallWithExit3NamingTheNodeAndNothingIsLeftThereWhenItComesBack(
      @TempDir Path run) throws Exception {
    NamespaceCluster.Node third = cluster.node(3);
    try (ClusterRun wall =
        ClusterRun.start(
            cluster,
            run,
            "play",
            fourNodeWall(3).toString(),
            "--display",
            display.display(),
            "--run-dir",
            run.resolve("run").toString())) {
      Poll.until(Duration.ofSeconds(60), "the first loop", () -> wall.out().contains("loop 1/3"));
      long pulled = System.nanoTime();
      third.linkDown();
      try {
        int code = wall.await(Duration.ofSeconds(40));
        double seconds = (System.nanoTime() - pulled) / 1e9;
        System.out.printf(
            "link down on node 3: exit %d after %.1f s: %s%n", code, seconds, wall.err().strip());
        assertEquals(3, code, wall.both());
        assertTrue(seconds <= 15, "exit 3 after " + seconds + " s");
        String said = wall.err().strip();
        assertEquals(1, said.lines().count(), "one line: " + said);
        assertTrue(said.contains(third.hostname()) && said.contains("screen s3"), said);
        assertTrue(!said.contains("every rank and player was stopped"), said);
        assertNothingOfTheWallOn(
            List.of(cluster.node(1), cluster.node(2), cluster.node(4)), Duration.ofSeconds(5));
      } finally {
        third.linkUp();
      }
      long back = System.nanoTime();
      assertNothingOfTheWallOn(List.of(third), Duration.ofSeconds(15));
      System.out.printf(
          "node 3 back: nothing of the wall left after %.1f s%n", (System.nanoTime() - back) / 1e9);
    }
  }

  @Test
  void aNodeThatDoesNotAnswerIsNamedBeforeAnythingStartsWithExit3(@TempDir Path run)
      throws Exception {
    NamespaceCluster.Node fourth = cluster.node(4);
    fourth.linkDown();
    try (ClusterRun wall =
        ClusterRun.start(
            cluster,
            run,
            "play",
            fourNodeWall(1).toString(),
            "--display",
            display.display(),
            "--run-dir",
            run.resolve("run").toString())) {
      int code = wall.await(Duration.ofSeconds(40));
      System.out.printf(
          "node 4 unplugged before the start: exit %d after %.1f s: %s%n",
          code, wall.seconds(), wall.err().strip());
      assertEquals(3, code, wall.both());
      assertTrue(
          wall.err().startsWith("wall: " + fourth.hostname() + " (screen s4) does not answer"),
          wall.both());
      for (int i = 1; i <= 3; i++) {
        assertTrue(ClusterRun.ranksOn(cluster.node(i)).isEmpty(), "nothing started on node " + i);
      }
    } finally {
      fourth.linkUp();
    }
  }

  @Test
  void aRemoteScreensFailureNamesItAndPointsToItsLogCopiedToTheController(@TempDir Path run)
      throws Exception {
    // Three loops: long enough for the screen's replacements to fail too, and for it to be given
    // up.
    Path layout = fourNodeWall(3);
    Path broken = Files.createDirectories(run.resolve("media"));
    for (int i = 1; i <= 4; i++) {
      Files.copy(dir.resolve("s" + i + ".mp4"), broken.resolve("s" + i + ".mp4"));
    }
    Files.writeString(broken.resolve("s3.mp4"), "not a video at all\n".repeat(100));
    try (ClusterRun wall =
        ClusterRun.start(
            cluster,
            run,
            "play",
            layout.toString(),
            "--media-root",
            broken.toString(),
            "--display",
            display.display(),
            "--run-dir",
            run.resolve("run").toString())) {
      int code = wall.await(Duration.ofSeconds(60));
      String said = wall.err();
      System.out.println("a remote screen that cannot play: " + said.strip());
      assertEquals(1, code, wall.both());
      String host = cluster.node(3).hostname();
      Path copy = run.resolve("run/logs/" + host + "/s3.log");
      assertTrue(said.startsWith("wall: screen s3 on " + host + ": "), said);
      assertTrue(said.contains("(" + host + "'s log, its end copied to " + copy), said);
      assertTrue(Files.readString(copy).lines().count() > 3, "the log's end is here: " + copy);
    }
  }

  private static Path fourNodeWall(int loops) throws Exception {
    Map<String, String> hosts = new LinkedHashMap<>();
    for (int i = 1; i <= 4; i++) {
      hosts.put("s" + i, cluster.node(i).hostname());
    }
    return TestWall.write(dir, loops, FRAMES / 30.0, quadrants(), hosts);
  }

  /** No rank, player or Open MPI daemon runs on any of {@code nodes} by {@code deadline}. */
  private static void assertNothingOfTheWallOn(List<NamespaceCluster.Node> nodes, Duration deadline)
      throws Exception {
    Poll.until(
        deadline,
        "nothing of the wall on " + nodes,
        () -> {
          for (NamespaceCluster.Node node : nodes) {
            for (String program : List.of("RankMain", "orted", "mpv", "mpirun")) {
              if (!node.processesRunning(program).isEmpty()) {
                return false;
              }
            }
          }
          return true;
        });
  }

  /** The frame spread (the short way round the loop) in each of {@code count} screenshots. */
  private static List<Integer> spreads(Map<String, Rect> windows, int count) throws Exception {
    List<Integer> spreads = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      BufferedImage image = Frames.grab(display.display(), 640, 360, dir);
      List<Integer> frames = new ArrayList<>();
      for (Rect window : windows.values()) {
        frames.add(Frames.frameNumber(image, window));
      }
      assertTrue(
          frames.stream().allMatch(f -> f >= 0), "a screen showed no readable frame: " + frames);
      int spread = 0;
      for (int a : frames) {
        for (int b : frames) {
          int d = Math.floorMod(a - b, FRAMES);
          spread = Math.max(spread, Math.min(d, FRAMES - d));
        }
      }
      spreads.add(spread);
    }
    return spreads;
  }
}
