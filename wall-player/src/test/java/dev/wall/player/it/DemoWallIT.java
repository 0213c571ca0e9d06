package dev.wall.player.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Rect;
import dev.wall.player.cli.WallCli;
import dev.wall.player.testing.TestWall;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wall demo}, the README's first command, end to end through the whole CLI: it hands the
 * wall to {@code play} (real mpirun, ranks and mpv), on an Xvfb of its own when there is no
 * DISPLAY, and saves the snapshot.
 */
class DemoWallIT {
  @TempDir Path dir;

  @Test
  void theDemoPlaysItsWallAndSavesASnapshotOfIt() throws Exception {
    Map<String, Rect> windows =
        new TreeMap<>(
            Map.of("left", new Rect(0, 0, 320, 180), "right", new Rect(320, 0, 320, 180)));
    Path layout = TestWall.write(dir, 1, 2, windows);
    Path snapshot = dir.resolve("out/demo.png");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code =
        WallCli.run(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "demo",
            "--layout",
            layout.toString(),
            "--media-root",
            dir.toString(),
            "--snapshot",
            snapshot.toString(),
            "--run-dir",
            dir.resolve("run").toString());

    assertEquals(0, code, "stdout:\n" + out + "\nstderr:\n" + err);
    assertTrue(out.toString().lines().anyMatch(l -> l.startsWith("loop 1/1: ")), out.toString());
    assertTrue(Files.size(snapshot) > 0, "snapshot written");
    BufferedImage picture = ImageIO.read(snapshot.toFile());
    assertTrue(
        picture.getWidth() >= 640 && picture.getHeight() >= 180, "the snapshot covers the wall");
    assertTrue(
        picture.getRGB(160, 90) != picture.getRGB(480, 90), "each window shows its own clip");
  }
}
