package dev.wall.player.players.mpv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Audio;
import dev.wall.core.layout.Rect;
import dev.wall.player.display.VirtualDisplay;
import dev.wall.player.players.PlayerSpec;
import dev.wall.player.playertest.Frames;
import dev.wall.player.playertest.TestMedia;
import dev.wall.player.testing.Poll;
import dev.wall.player.testing.TestDisplay;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The status page's thumbnail, taken by a real mpv: by its player, and through its socket by the
 * controller.
 */
@Tag("smoke")
class MpvScreenshotIT {
  @Test
  void aPausedPlayerSavesTheFrameItShows() throws Exception {
    Path scratch = TestMedia.workDir("mpv-shot");
    VirtualDisplay display = TestDisplay.shared();
    Path workDir = TestMedia.workDir("mpv-shot-screens");
    PlayerSpec spec =
        new PlayerSpec(
            "shot",
            TestMedia.barCoded(320, 180, 4),
            new Rect(0, 0, 320, 180),
            0,
            null,
            Audio.NONE,
            List.of(),
            workDir,
            Map.of("DISPLAY", display.display()));
    try (MpvPlayer player = new MpvPlayer(spec, new MpvOptions("mpv", null, "x11", null))) {
      player.prepare(Duration.ofSeconds(30));
      assertTrue(player.takesScreenshots());
      player.seekTo(1.0, Duration.ofSeconds(5));

      // The paused frame, 1 s in: under load mpv may still be decoding it just after the seek.
      Path own = scratch.resolve("own.png");
      BufferedImage picture =
          Poll.until(
              Duration.ofSeconds(5),
              "a screenshot of the frame 1 s in",
              () -> {
                Files.deleteIfExists(own);
                player.screenshotTo(own, Duration.ofSeconds(5));
                BufferedImage shot = ImageIO.read(own.toFile());
                return Frames.frameNumber(shot, new Rect(0, 0, 320, 180)) == TestMedia.FPS
                    ? shot
                    : null;
              });
      assertEquals(320, picture.getWidth());
      Path through = scratch.resolve("through.jpg");
      MpvPlayer.screenshotThrough(
          MpvPlayer.socketIn(workDir, "shot"), "shot", through, Duration.ofSeconds(5));
      assertTrue(Files.size(through) > 1000 && ImageIO.read(through.toFile()).getWidth() == 320);
    }
  }
}
