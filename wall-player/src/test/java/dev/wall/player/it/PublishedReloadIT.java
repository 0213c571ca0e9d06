package dev.wall.player.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wall.core.layout.Rect;
import dev.wall.core.testing.Tools;
import dev.wall.player.display.VirtualDisplay;
import dev.wall.player.playertest.Frames;
import dev.wall.player.playertest.SeamSwitch;
import dev.wall.player.testing.Cli;
import dev.wall.player.testing.ClipCache;
import dev.wall.player.testing.Poll;
import dev.wall.player.testing.Quiet;
import dev.wall.player.testing.TestDisplay;
import dev.wall.player.testing.TestWall;
import dev.wall.player.testing.WallProcess;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A published wall takes new content at a seam (issue 24): {@code wall publish --cache DIR} puts
 * its clips in this machine's cache and {@code wall play} plays from there; its layout file is then
 * replaced by one of clips numbered from 5000, which are not in the cache. The reload publishes
 * them (verified in the cache) and every screen shows the new clip from the same seam, with no tile
 * black, in the same process. A second change whose publish fails on the node (something in the
 * cache in the way of one file) changes nothing: the show plays on, and {@code wall status} names
 * the screen, the node and why.
 */
@Quiet
class PublishedReloadIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Rect> WINDOWS = new LinkedHashMap<>();

  static {
    WINDOWS.put("a", new Rect(0, 0, 320, 180));
    WINDOWS.put("b", new Rect(320, 0, 320, 180));
  }

  private static final int NEW_FIRST_FRAME = 5000;
  private static final int FAILED_FIRST_FRAME = 7000;

  @TempDir Path dir;
  private WallProcess wall;
  private VirtualDisplay display;

  @AfterEach
  void stop() throws Exception {
    if (wall != null) {
      wall.close();
    }
  }

  @Test
  void aReloadPublishesTheNewClipsThenSwitchesAtOneSeamAndAFailedPublishChangesNothing()
      throws Exception {
    Tools.require(Tools.available("mpirun", "mpv", "ffmpeg"), "reload needs mpirun, mpv, ffmpeg");
    display = TestDisplay.shared();
    Path layout = TestWall.write(dir, 0, 3, WINDOWS);
    int hue = 30;
    for (String screen : WINDOWS.keySet()) {
      ClipCache.copy(
          ClipCache.barCoded(screen + "2", 320, 180, 3, 30, hue += 70, NEW_FIRST_FRAME),
          dir,
          screen + "2.mp4");
      ClipCache.copy(
          ClipCache.barCoded(screen + "3", 320, 180, 3, 30, hue += 70, FAILED_FIRST_FRAME),
          dir,
          screen + "3.mp4");
    }
    Path cache = dir.resolve("cache/wall/media");
    Cli published = Cli.run("publish", layout, "--cache", cache.toString());
    assertEquals(0, published.code(), published.out() + published.err());
    Path runDir = dir.resolve("run");
    wall =
        WallProcess.play(
            dir.resolve("wall.log"),
            layout.toString(),
            "--display",
            display.display(),
            "--run-dir",
            runDir.toString());
    wall.awaitReleased(Duration.ofSeconds(90));
    long pid = wall.process().pid();
    assertTrue(wall.log().contains("wall: playing from each node's cache"), wall.log());
    Poll.until(
        Duration.ofSeconds(10),
        "every screen playing its first clip",
        () -> Arrays.stream(frames(grab())).allMatch(f -> f >= 0 && f < NEW_FIRST_FRAME));
    for (String screen : WINDOWS.keySet()) {
      assertFalse(Files.exists(cache.resolve(sha(dir.resolve(screen + "2.mp4")) + ".mp4")));
    }

    ObjectNode json = (ObjectNode) JSON.readTree(layout.toFile());
    json.withArray("screens")
        .forEach(s -> ((ObjectNode) s).put("media", s.path("name").asText() + "2.mp4"));
    SeamSwitch switched =
        SeamSwitch.watch(
            display.display(),
            WINDOWS,
            NEW_FIRST_FRAME,
            Duration.ofSeconds(30),
            dir.resolve("grabs.log"),
            wall,
            () -> SeamSwitch.replace(layout, json.toString()));
    switched.assertOneSeamNoBlack(wall.log());
    String shots = switched.shots();
    for (String screen : WINDOWS.keySet()) {
      Path copy = cache.resolve(sha(dir.resolve(screen + "2.mp4")) + ".mp4");
      assertTrue(Files.isRegularFile(copy), screen + "2.mp4 published to the cache: " + copy);
      assertEquals(sha(dir.resolve(screen + "2.mp4")), sha(copy), "whole");
    }
    String log = wall.log();
    assertTrue(log.contains("after a publish"), log);
    assertTrue(log.contains("the new layout plays from loop"), log);
    assertEquals(pid, wall.process().pid());
    assertTrue(wall.process().isAlive(), "the wall process never restarted");
    System.out.println("published reload: screenshots around the switch " + shots);

    // A change whose publish fails on the node: a folder in the way of a3's arrival.
    String a3 = sha(dir.resolve("a3.mp4")) + ".mp4";
    Files.createDirectories(cache.resolve(".incoming-" + a3).resolve("in-the-way"));
    json.withArray("screens")
        .forEach(s -> ((ObjectNode) s).put("media", s.path("name").asText() + "3.mp4"));
    SeamSwitch.replace(layout, json.toString());
    String status =
        Poll.until(
            Duration.ofSeconds(30),
            "wall status to name the failed publish",
            () -> {
              String out = Cli.run("status", "--run-dir", runDir.toString()).out();
              return out.contains("not taken") ? out : null;
            });
    assertTrue(status.contains("its new clips did not reach every node"), status);
    assertTrue(status.contains("screen a on localhost: " + dir.resolve("a3.mp4")), status);
    assertTrue(status.contains("was not put in its cache " + cache), status);
    assertTrue(status.contains("the show plays on as it was"), status);
    assertFalse(status.contains("screen b on"), "b3 reached the cache: " + status);
    int[] before = frames(grab());
    Poll.until(
        Duration.ofSeconds(8),
        "the show playing on, on the clips that were published",
        () -> {
          int[] now = frames(grab());
          for (int i = 0; i < now.length; i++) {
            if (now[i] < NEW_FIRST_FRAME || now[i] >= FAILED_FIRST_FRAME || now[i] == before[i]) {
              return false;
            }
          }
          return true;
        });
    assertTrue(wall.process().isAlive(), "the wall plays on");
    assertEquals(pid, wall.process().pid());
    System.out.println(
        "published reload: " + status.lines().filter(l -> l.contains("not taken")).toList());
  }

  private static String sha(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  private BufferedImage grab() throws Exception {
    return Frames.grab(display.display(), TestDisplay.WIDTH, TestDisplay.HEIGHT, dir);
  }

  private static int[] frames(BufferedImage image) {
    return SeamSwitch.frames(image, WINDOWS);
  }
}
