package dev.wall.player.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import dev.wall.core.layout.Rect;
import dev.wall.player.testing.Cli;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wall preview of a 2x2 span wall with 40-unit bezels, checked pixel by pixel. */
class WallPictureTest {
  /** Two 1920x1080 screens side by side and two below, 40 units of bezel between them. */
  private static final String SPAN_2X2 =
      """
      {"version": 1, "name": "atrium", "mediaRoot": "/m",
       "wall": {"width": 3880, "height": 2200}, "span": {"media": "pano.mp4"},
       "screens": [
         {"name": "tl", "host": "rpi1", "region": {"x": 0, "y": 0, "width": 1920, "height": 1080}},
         {"name": "tr", "host": "rpi2", "region": {"x": 1960, "y": 0, "width": 1920, "height": 1080}},
         {"name": "bl", "host": "rpi3", "region": {"x": 0, "y": 1120, "width": 1920, "height": 1080}},
         {"name": "br", "host": "rpi4", "region": {"x": 1960, "y": 1120, "width": 1920, "height": 1080}
           MEDIA}
       ]}
      """;

  @TempDir Path dir;

  private BufferedImage preview(String layout) throws Exception {
    Path file = Files.writeString(dir.resolve("wall.json"), layout);
    Path png = dir.resolve("wall.png");
    Cli said = Cli.run("preview", file, "--out", png);
    assertEquals(0, said.code(), said.err());
    assertEquals("wrote " + png + " (1600x959)\n", said.out());
    return ImageIO.read(png.toFile());
  }

  private static WallPicture.Frame frame(String layout) throws Exception {
    Layout parsed = new LayoutReader().read("wall.json", layout);
    return new WallPicture(parsed, "atrium", 1600).frame();
  }

  private static void assertColour(
      Color expected,
      BufferedImage image,
      WallPicture.Frame frame,
      double wallX,
      double wallY,
      String where) {
    int rgb = image.getRGB(frame.x(wallX), frame.y(wallY)) & 0xFFFFFF;
    assertEquals(
        Integer.toHexString(expected.getRGB() & 0xFFFFFF), Integer.toHexString(rgb), where);
  }

  @Test
  void bezelGapsAreDarkAndEveryScreenShowsTheSpan() throws Exception {
    String layout = SPAN_2X2.replace("MEDIA", "");
    BufferedImage image = preview(layout);
    WallPicture.Frame frame = frame(layout);

    assertColour(WallPicture.BEZEL, image, frame, 1940, 540, "gap between the top screens");
    assertColour(WallPicture.BEZEL, image, frame, 1940, 1660, "gap between the bottom screens");
    assertColour(WallPicture.BEZEL, image, frame, 960, 1100, "gap between the left screens");
    assertColour(WallPicture.BEZEL, image, frame, 2920, 1100, "gap between the right screens");
    assertColour(WallPicture.BEZEL, image, frame, 1940, 1100, "where the four gaps cross");
    for (Rect region :
        new Rect[] {
          new Rect(0, 0, 1920, 1080),
          new Rect(1960, 0, 1920, 1080),
          new Rect(0, 1120, 1920, 1080),
          new Rect(1960, 1120, 1920, 1080)
        }) {
      assertColour(
          WallPicture.SPAN_FILL,
          image,
          frame,
          region.x() + 150,
          region.y() + 150,
          "inside " + region.geometry());
      assertColour(
          WallPicture.SPAN_FILL,
          image,
          frame,
          region.right() - 150,
          region.bottom() - 150,
          "inside " + region.geometry());
      int edge = image.getRGB(frame.x(region.x()) + 1, frame.y(region.y() + 540)) & 0xFFFFFF;
      assertEquals(WallPicture.CROP_OUTLINE.getRGB() & 0xFFFFFF, edge, "crop outline of " + region);
    }
    assertEquals(WallPicture.BACKGROUND.getRGB(), image.getRGB(5, image.getHeight() - 5));
  }

  @Test
  void aScreenWithItsOwnClipStandsOutAndHasNoCropOutline() throws Exception {
    String layout = SPAN_2X2.replace("MEDIA", ", \"media\": \"logo.mp4\"");
    BufferedImage image = preview(layout);
    WallPicture.Frame frame = frame(layout);

    assertColour(WallPicture.CLIP_FILLS[0], image, frame, 2110, 1270, "the logo screen");
    assertColour(WallPicture.CLIP_FILLS[0], image, frame, 1962, 1640, "the logo screen's edge");
    assertColour(WallPicture.SPAN_FILL, image, frame, 150, 150, "a span screen");
    assertColour(WallPicture.BEZEL, image, frame, 1940, 1660, "the bezel beside it");
  }

  @Test
  void aPlaylistIsOneClipColourAndItsLabelNamesTheFirstAndHowManyFollow() throws Exception {
    String layout =
        SPAN_2X2
            .replace("\"pano.mp4\"", "[\"pano-1.mp4\", \"pano-2.mp4\"]")
            .replace("MEDIA", ", \"media\": [\"logo.mp4\", \"logo-2.mp4\"]");
    BufferedImage image = preview(layout);
    WallPicture.Frame frame = frame(layout);

    assertColour(
        WallPicture.CLIP_FILLS[0],
        image,
        frame,
        2110,
        1270,
        "the screen with a playlist of its own");
    assertColour(WallPicture.SPAN_FILL, image, frame, 150, 150, "a screen of the span's playlist");
    assertEquals(
        "logo.mp4 + 1 more", WallPicture.playlist(java.util.List.of("logo.mp4", "logo-2.mp4")));
    assertEquals("logo.mp4", WallPicture.playlist(java.util.List.of("logo.mp4")));
  }

  @Test
  void labelsAreDrawnInsideEachScreen() throws Exception {
    String layout = SPAN_2X2.replace("MEDIA", "");
    BufferedImage image = preview(layout);
    WallPicture.Frame frame = frame(layout);
    int white = 0;
    for (int x = frame.x(200); x < frame.x(1720); x++) {
      for (int y = frame.y(400); y < frame.y(700); y++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) == 0xFFFFFF) {
          white++;
        }
      }
    }
    assertTrue(white > 200, "no text in the top-left screen (" + white + " white pixels)");
  }
}
