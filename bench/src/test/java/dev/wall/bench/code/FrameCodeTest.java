package dev.wall.bench.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.bench.code.TileReading.Status;
import dev.wall.core.layout.Rect;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameCodeTest {
  private static final FrameCode CODE = FrameCode.forClip(320, 180);
  private static final Rect TILE = new Rect(320, 180, 320, 180);

  private static BufferedImage screen() {
    BufferedImage image = new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB);
    CodePainter.fill(image, new Rect(0, 0, 640, 360), 0x3366aa);
    return image;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 299, 598, 599, 4096, 8191})
  void readsTheFrameNumberOfAPaintedCode(int frame) {
    BufferedImage image = screen();
    CodePainter.paint(image, TILE, frame);

    TileReading reading = CODE.read(Picture.of(image), TILE);

    assertEquals(TileReading.decoded(frame, false), reading);
  }

  @Test
  void readsEachWindowOnItsOwn() {
    BufferedImage image = screen();
    CodePainter.paint(image, new Rect(0, 0, 320, 180), 17);
    CodePainter.paint(image, TILE, 18);

    assertEquals(17, CODE.read(Picture.of(image), new Rect(0, 0, 320, 180)).frame());
    assertEquals(18, CODE.read(Picture.of(image), TILE).frame());
  }

  @Test
  void readsAClipShownLargerThanItWasMade() {
    BufferedImage image = new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB);
    Rect whole = new Rect(0, 0, 640, 360);
    CodePainter.paint(image, whole, 1234);

    assertEquals(1234, CODE.read(Picture.of(image), whole).frame());
  }

  @Test
  void aBlackWindowIsBlank() {
    BufferedImage image = screen();
    CodePainter.fill(image, TILE, 0x000000);

    assertEquals(Status.BLANK, CODE.read(Picture.of(image), TILE).status());
  }

  @Test
  void theRootWindowWeaveIsBlank() {
    BufferedImage image = screen();
    for (int y = TILE.y(); y < TILE.bottom(); y++) {
      for (int x = TILE.x(); x < TILE.right(); x++) {
        image.setRGB(x, y, (x + y) % 2 == 0 ? 0xffffff : 0x000000);
      }
    }

    assertEquals(Status.BLANK, CODE.read(Picture.of(image), TILE).status());
  }

  @Test
  void aWrongCheckBitIsUndecodableNotAFrame() {
    BufferedImage image = screen();
    int[] cells = CodePainter.cells(42);
    cells[14] = 1 - cells[14];
    CodePainter.paintRows(image, TILE, cells, 0, CodePainter.bandRows(TILE));

    assertEquals(Status.UNDECODABLE, CODE.read(Picture.of(image), TILE).status());
  }

  @Test
  void aWhiteLastCellIsUndecodable() {
    BufferedImage image = screen();
    int[] cells = CodePainter.cells(42);
    cells[15] = 1;
    CodePainter.paintRows(image, TILE, cells, 0, CodePainter.bandRows(TILE));

    assertEquals(Status.UNDECODABLE, CODE.read(Picture.of(image), TILE).status());
  }

  @Test
  void aGreyBitIsUndecodable() {
    BufferedImage image = screen();
    CodePainter.paint(image, TILE, 42);
    CodePainter.fill(image, new Rect(TILE.x() + 5 * 20, TILE.y(), 20, 20), 0x808080);

    assertEquals(Status.UNDECODABLE, CODE.read(Picture.of(image), TILE).status());
  }

  @Test
  void aWindowCaughtMidRepaintReadsAsTheFrameMostRowsShowAndIsMarkedTorn() {
    BufferedImage image = screen();
    CodePainter.paintRows(image, TILE, CodePainter.cells(101), 0, 8);
    CodePainter.paintRows(image, TILE, CodePainter.cells(100), 8, 20);

    TileReading reading = CODE.read(Picture.of(image), TILE);

    assertEquals(100, reading.frame());
    assertTrue(reading.torn());
  }

  @Test
  void aCleanWindowIsNotTorn() {
    BufferedImage image = screen();
    CodePainter.paint(image, TILE, 7);

    assertFalse(CODE.read(Picture.of(image), TILE).torn());
  }

  @Test
  void readsRawBgr0FramesAsFfmpegSendsThem() {
    BufferedImage image = screen();
    CodePainter.paint(image, TILE, 333);
    byte[] raw = new byte[BgrxPicture.frameBytes(640, 360)];
    for (int y = 0; y < 360; y++) {
      for (int x = 0; x < 640; x++) {
        int rgb = image.getRGB(x, y);
        int i = (y * 640 + x) * 4;
        raw[i] = (byte) rgb;
        raw[i + 1] = (byte) (rgb >> 8);
        raw[i + 2] = (byte) (rgb >> 16);
      }
    }

    assertEquals(333, CODE.read(new BgrxPicture(raw, 640, 360), TILE).frame());
  }

  @Test
  void aWindowOutsideThePictureIsAnError() {
    assertThrows(
        IllegalArgumentException.class,
        () -> CODE.read(Picture.of(screen()), new Rect(400, 0, 320, 180)));
  }
}
