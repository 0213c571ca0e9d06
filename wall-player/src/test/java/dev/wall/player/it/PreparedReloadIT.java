package dev.wall.player.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wall.core.layout.Rect;
import dev.wall.core.testing.Tools;
import dev.wall.player.display.VirtualDisplay;
import dev.wall.player.media.Manifest;
import dev.wall.player.players.MediaInfo;
import dev.wall.player.players.MediaProbe;
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
 * A prepared, published wall takes new content at a seam, prepared (issue 24): {@code wall media
 * prepare} makes each screen's clip, {@code wall publish --cache DIR} puts them in this machine's
 * cache and {@code wall play} plays them from there; its layout file is then replaced by one of
 * clips twice the screens' size, numbered from 5000. The reload prepares them as {@code wall media
 * prepare} would (scaled to the screens: 320x180 by ffprobe), publishes the prepared files
 * (verified in the cache) and every screen shows the new clip from the same seam, with no tile
 * black, in the same process.
 */
@Quiet
class PreparedReloadIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Rect> WINDOWS = new LinkedHashMap<>();

  static {
    WINDOWS.put("a", new Rect(0, 0, 320, 180));
    WINDOWS.put("b", new Rect(320, 0, 320, 180));
  }

  private static final int NEW_FIRST_FRAME = 5000;

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
  void aReloadPreparesTheNewClipsForTheScreensPublishesThemAndSwitchesAtOneSeam() throws Exception {
    Tools.require(
        Tools.available("mpirun", "mpv", "ffmpeg", "ffprobe"), "needs mpirun, mpv, ffmpeg");
    display = TestDisplay.shared();
    Path layout = TestWall.write(dir, 0, 3, WINDOWS);
    int hue = 30;
    for (String screen : WINDOWS.keySet()) {
      ClipCache.copy(
          ClipCache.barCoded(screen + "2", 640, 360, 3, 30, hue += 70, NEW_FIRST_FRAME),
          dir,
          screen + "2.mp4");
    }
    Cli prepared = Cli.run("media", "prepare", layout, "--board", "localhost=pc");
    assertEquals(0, prepared.code(), prepared.out() + prepared.err());
    Path preparedDir = dir.resolve("prepared/wall");
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
    assertTrue(wall.log().contains("wall: playing the clips prepared for each screen"), wall.log());
    assertTrue(wall.log().contains("wall: playing from each node's cache"), wall.log());
    Poll.until(
        Duration.ofSeconds(10),
        "every screen playing its first clip",
        () -> Arrays.stream(frames(grab())).allMatch(f -> f >= 0 && f < NEW_FIRST_FRAME));

    ObjectNode json = (ObjectNode) JSON.readTree(layout.toFile());
    json.withArray("screens")
        .forEach(s -> ((ObjectNode) s).put("media", s.path("name").asText() + "2.mp4"));
    SeamSwitch switched =
        SeamSwitch.watch(
            display.display(),
            WINDOWS,
            NEW_FIRST_FRAME,
            Duration.ofSeconds(60),
            dir.resolve("grabs.log"),
            wall,
            () -> SeamSwitch.replace(layout, json.toString()));
    switched.assertOneSeamNoBlack(wall.log());
    String shots = switched.shots();

    // What the reload made: each screen's new clip prepared at its window's size, in the manifest,
    // and that file (not the 640x360 source) in the cache, whole.
    Manifest manifest = Manifest.read(preparedDir).orElseThrow();
    for (String screen : WINDOWS.keySet()) {
      Manifest.Entry entry = manifest.entry(screen, 0).orElseThrow();
      assertEquals(screen + "2.mp4", entry.source(), "prepared from the new clip");
      Path file = preparedDir.resolve(entry.file());
      MediaInfo made = MediaProbe.probe(file, dir.resolve("probe-" + screen + ".json"));
      assertEquals(320, made.width(), screen + "'s prepared file, scaled to its window: " + made);
      assertEquals(180, made.height(), screen + "'s prepared file: " + made);
      Path copy = cache.resolve(sha(file) + ".mp4");
      assertTrue(Files.isRegularFile(copy), "the prepared file published to the cache: " + copy);
      assertEquals(sha(file), sha(copy), "whole");
      assertFalse(
          Files.exists(cache.resolve(sha(dir.resolve(screen + "2.mp4")) + ".mp4")),
          "the source itself was not published");
    }
    String log = wall.log();
    assertTrue(log.contains("after preparing"), log);
    assertTrue(log.contains("the new layout plays from loop"), log);
    assertEquals(pid, wall.process().pid());
    assertTrue(wall.process().isAlive(), "the wall process never restarted");
    System.out.println("prepared reload: screenshots around the switch " + shots);
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
