package dev.wall.player.backend.mpv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Audio;
import dev.wall.core.layout.Rect;
import dev.wall.player.backend.PlayerSpec;
import dev.wall.player.display.VirtualDisplay;
import dev.wall.player.playertest.Frames;
import dev.wall.player.playertest.TestMedia;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The status page's thumbnail, taken by a real mpv: by its player, and through its socket by the controller. */
class MpvScreenshotIT {
  @Test
  void aPausedPlayerSavesTheFrameItShows() throws Exception {
    Path scratch = TestMedia.workDir("mpv-shot");
    try (VirtualDisplay display = VirtualDisplay.start(320, 180, scratch, Duration.ofSeconds(20))) {
      Path workDir = TestMedia.workDir("mpv-shot-screens");
      PlayerSpec spec = new PlayerSpec("shot", TestMedia.barCoded(320, 180, 4), new Rect(0, 0, 320, 180), 0, null,
          Audio.NONE, List.of(), workDir, Map.of("DISPLAY", display.display()));
      try (MpvPlayer player = new MpvPlayer(spec, new MpvOptions("mpv", null, "x11", null))) {
        player.prepare(Duration.ofSeconds(30));
        assertTrue(player.takesScreenshots());
        player.seekTo(1.0, Duration.ofSeconds(5));

        Path own = scratch.resolve("own.png");
        player.screenshotTo(own, Duration.ofSeconds(5));
        Path through = scratch.resolve("through.jpg");
        MpvPlayer.screenshotThrough(MpvPlayer.socketIn(workDir, "shot"), "shot", through, Duration.ofSeconds(5));

        BufferedImage picture = ImageIO.read(own.toFile());
        assertEquals(320, picture.getWidth());
        assertEquals(TestMedia.FPS, Frames.frameNumber(picture, new Rect(0, 0, 320, 180)),
            "the picture is the frame shown: 1 s in");
        assertTrue(Files.size(through) > 1000 && ImageIO.read(through.toFile()).getWidth() == 320);
      }
    }
  }
}
