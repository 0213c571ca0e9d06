package dev.wall.player.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wall.core.layout.Rect;
import dev.wall.player.display.VirtualDisplay;
import dev.wall.player.playertest.Frames;
import dev.wall.player.testing.ClusterRun;
import dev.wall.player.testing.NamespaceCluster;
import dev.wall.player.testing.Poll;
import dev.wall.player.testing.TestWall;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wall play} across hosts: four nodes of a {@link NamespaceCluster}, each with its own host
 * name and sshd, one shared Xvfb, the wall started from inside node 1 as on a controller Pi.
 */
class ClusterWallIT {
  private static final int FRAMES = 120;
  @TempDir static Path dir;
  private static NamespaceCluster cluster;
  private static VirtualDisplay display;

  @BeforeAll
  static void startCluster() throws Exception {
    assumeTrue(NamespaceCluster.available(), "needs root, iproute2, util-linux and openssh-server");
    cluster = NamespaceCluster.start(dir.resolve("cluster"), 4);
    display = VirtualDisplay.start(640, 360, dir, Duration.ofSeconds(20));
  }

  @AfterAll
  static void stopCluster() {
    if (display != null) {
      display.close();
    }
    if (cluster != null) {
      cluster.close();
    }
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
  void fourNodesPlayTwoLoopsEachRankOnItsOwnHostEveryScreenWithinOneFrame(@TempDir Path run) throws Exception {
    Map<String, String> hosts = new LinkedHashMap<>();
    for (int i = 1; i <= 4; i++) {
      hosts.put("s" + i, cluster.node(i).hostname());
    }
    Path layout = TestWall.write(dir, 2, FRAMES / 30.0, quadrants(), hosts);
    try (ClusterRun wall = ClusterRun.start(cluster, run, "play", layout.toString(), "--display", display.display(),
        "--run-dir", run.resolve("run").toString())) {
      for (int i = 1; i <= 4; i++) {
        NamespaceCluster.Node node = cluster.node(i);
        int rank = i - 1;
        Map<Integer, ProcessHandle> ranks = Poll.until(Duration.ofSeconds(60), "rank " + rank + " on " + node,
            () -> ClusterRun.ranksOn(node).isEmpty() ? null : ClusterRun.ranksOn(node));
        assertEquals(List.of(rank), List.copyOf(ranks.keySet()), "the ranks in " + node + "'s namespace");
      }
      Poll.until(Duration.ofSeconds(60), "the first loop", () -> wall.out().contains("loop 1/2"));
      List<Integer> spreads = spreads(quadrants(), 8);
      int code = wall.await(Duration.ofSeconds(60));
      assertEquals(0, code, wall.both());
      assertEquals(2, wall.out().lines().filter(l -> l.startsWith("loop ")).count(), wall.both());
      assertTrue(spreads.stream().allMatch(s -> s <= 1), "frames apart on screen, per screenshot: " + spreads);
      System.out.println("4 nodes over ssh: spread per screenshot " + spreads);
    }
  }

  @Test
  void twoScreensOnOneNodeAsOnAPi4WithTwoHdmiOutputs(@TempDir Path run) throws Exception {
    Map<String, String> hosts = Map.of("s1", cluster.node(1).hostname(), "s2", cluster.node(2).hostname(),
        "s3", cluster.node(2).hostname(), "s4", cluster.node(3).hostname());
    Path layout = TestWall.write(dir, 1, FRAMES / 30.0, quadrants(), hosts);
    try (ClusterRun wall = ClusterRun.start(cluster, run, "play", layout.toString(), "--display", display.display(),
        "--run-dir", run.resolve("run").toString())) {
      Map<Integer, ProcessHandle> onNode2 = Poll.until(Duration.ofSeconds(60), "two ranks on node 2",
          () -> ClusterRun.ranksOn(cluster.node(2)).size() == 2 ? ClusterRun.ranksOn(cluster.node(2)) : null);
      assertEquals(List.of(1, 2), List.copyOf(onNode2.keySet()));
      assertEquals(0, wall.await(Duration.ofSeconds(60)), wall.both());
      assertTrue(wall.out().contains("loop 1/1"), wall.both());
    }
  }

  /** The frame spread (the short way round the loop) in each of {@code count} screenshots. */
  private static List<Integer> spreads(Map<String, Rect> windows, int count) throws Exception {
    List<Integer> spreads = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      BufferedImage image = Frames.grab(display.display(), display.width(), display.height(), dir);
      List<Integer> frames = new ArrayList<>();
      for (Rect window : windows.values()) {
        frames.add(Frames.frameNumber(image, window));
      }
      assertTrue(frames.stream().allMatch(f -> f >= 0), "a screen showed no readable frame: " + frames);
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
