package dev.wall.player.display;

import dev.wall.player.process.ChildProcess;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** Grabs an X display into a PNG with ffmpeg's x11grab: what a person would see on the wall. */
public final class Screenshot {
  private Screenshot() {}

  public static Path capture(String display, int width, int height, Path png) throws IOException {
    Path tmp = png.resolveSibling("." + png.getFileName() + ".tmp.png");
    List<String> argv =
        List.of(
            "ffmpeg",
            "-nostdin",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "x11grab",
            "-draw_mouse",
            "0",
            "-video_size",
            width + "x" + height,
            "-i",
            display,
            "-frames:v",
            "1",
            tmp.toString());
    Path log = png.resolveSibling("." + png.getFileName() + ".log");
    try (ChildProcess ffmpeg = ChildProcess.start("ffmpeg x11grab", argv, log, Map.of())) {
      int code = ffmpeg.waitFor(Duration.ofSeconds(20)).orElse(-1);
      if (code != 0 || !Files.isRegularFile(tmp)) {
        throw new IOException(
            "screenshot of " + display + " failed: " + String.join(" | ", ffmpeg.lastLogLines(3)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted taking a screenshot", e);
    } finally {
      Files.deleteIfExists(log);
    }
    Files.move(
        tmp,
        png,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return png;
  }

  public static BufferedImage grab(String display, int width, int height, Path scratchDir)
      throws IOException {
    Path png = capture(display, width, height, Files.createTempFile(scratchDir, "grab", ".png"));
    try {
      return ImageIO.read(png.toFile());
    } finally {
      Files.deleteIfExists(png);
    }
  }
}
