package dev.wall.player.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A playing 4-screen wall takes new content at a seam (issue 24), from pixels: its layout file
 * replaced by one whose clips are numbered from 5000 (as an editor saves, a file renamed onto it),
 * every screen shows the new clip from the same seam, no tile is black in screenshots taken every
 * 100 ms around the switch, and the wall process is the same one. {@code wall assign} on the
 * running wall's file takes effect at a later seam the same way; a layout broken mid-show changes
 * nothing, and {@code wall status} names the problem while the show plays on.
 */
@Quiet
class ReloadIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Rect> WINDOWS = new LinkedHashMap<>();

  static {
    WINDOWS.put("a", new Rect(0, 0, 320, 180));
    WINDOWS.put("b", new Rect(320, 0, 320, 180));
    WINDOWS.put("c", new Rect(0, 180, 320, 180));
    WINDOWS.put("d", new Rect(320, 180, 320, 180));
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
  void aPlayingWallTakesNewClipsAtOneSeamWithNoBlackFrameAndRefusesABrokenLayout()
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
    }
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
    Poll.until(
        Duration.ofSeconds(10),
        "every screen playing its first clip",
        () -> Arrays.stream(frames(grab())).allMatch(f -> f >= 0 && f < NEW_FIRST_FRAME));

    // The new layout, saved as an editor saves: written beside it, then renamed onto it.
    ObjectNode json = (ObjectNode) JSON.readTree(layout.toFile());
    json.withArray("screens")
        .forEach(s -> ((ObjectNode) s).put("media", s.path("name").asText() + "2.mp4"));
    SeamSwitch switched =
        SeamSwitch.watch(
            display.display(),
            WINDOWS,
            NEW_FIRST_FRAME,
            Duration.ofSeconds(12),
            dir.resolve("grabs.log"),
            wall,
            () -> SeamSwitch.replace(layout, json.toString()));
    switched.assertOneSeamNoBlack(wall.log());
    List<int[]> seen = switched.seen();
    String shots = switched.shots();
    for (int i = 0; i < switched.firstAllNew(); i++) {
      for (int frame : seen.get(i)) {
        assertTrue(
            frame < NEW_FIRST_FRAME || frame <= NEW_FIRST_FRAME + 2,
            "no screen ran ahead on the new clip before the others showed it: " + shots);
      }
    }
    assertTrue(wall.log().contains("the new layout plays from loop"), wall.log());
    assertEquals(pid, wall.process().pid());
    assertTrue(wall.process().isAlive(), "the wall process never restarted");
    System.out.println("reload: screenshots around the switch " + shots);

    // wall assign on the running wall's file: screen a back on its first clip, at a later seam.
    Cli assigned = Cli.run("assign", layout.toString(), "a", "a.mp4");
    assertEquals(0, assigned.code(), assigned.out() + assigned.err());
    Poll.until(
        Duration.ofSeconds(12),
        "screen a back on its first clip, the others on their new ones",
        () -> {
          int[] now = frames(grab());
          return now[0] >= 0
              && now[0] < NEW_FIRST_FRAME
              && Arrays.stream(now, 1, 4).allMatch(f -> f >= NEW_FIRST_FRAME);
        });

    // A layout broken mid-show: nothing changes, and wall status says why.
    SeamSwitch.replace(layout, "{\"version\": 1, \"screens\": [");
    String status =
        Poll.until(
            Duration.ofSeconds(10),
            "wall status to name the broken layout",
            () -> {
              String out = Cli.run("status", "--run-dir", runDir.toString()).out();
              return out.contains("not taken") ? out : null;
            });
    assertTrue(status.contains(layout.getFileName().toString()), status);
    assertTrue(status.contains("the show plays on as it was"), status);
    int[] before = frames(grab());
    Poll.until(
        Duration.ofSeconds(5),
        "the show playing on",
        () -> {
          int[] now = frames(grab());
          for (int i = 0; i < now.length; i++) {
            if (now[i] < 0 || now[i] == before[i]) {
              return false;
            }
          }
          return true;
        });
    assertTrue(wall.process().isAlive(), "the wall plays on");
    System.out.println("reload: " + status.lines().filter(l -> l.contains("not taken")).toList());
  }

  private BufferedImage grab() throws Exception {
    return Frames.grab(display.display(), TestDisplay.WIDTH, TestDisplay.HEIGHT, dir);
  }

  private static int[] frames(BufferedImage image) {
    return SeamSwitch.frames(image, WINDOWS);
  }
}
