package dev.wall.bench.code;

import dev.wall.core.layout.Rect;
import java.awt.image.BufferedImage;

/** Paints a frame code as make-clip draws it, into a window of a synthetic screenshot. */
final class CodePainter {
  static final int WHITE = 0xf0f0f0;
  static final int BLACK = 0x101010;

  private CodePainter() {}

  /** The 16 cells of {@code frame}: 1 white, 0 black. */
  static int[] cells(int frame) {
    int[] cells = new int[FrameCode.CELLS];
    cells[0] = 1;
    for (int bit = 0; bit < FrameCode.FRAME_BITS; bit++) {
      cells[1 + bit] = (frame >> bit) & 1;
    }
    cells[14] = 1 - (frame & 1);
    cells[15] = 0;
    return cells;
  }

  /** Paints {@code cells} into rows {@code fromRow..toRow} (of the tile) of a 320x180-clip band. */
  static void paintRows(BufferedImage image, Rect tile, int[] cells, int fromRow, int toRow) {
    double cell = tile.width() / 16.0;
    for (int row = fromRow; row < toRow; row++) {
      for (int x = 0; x < tile.width(); x++) {
        int index = Math.min(15, (int) (x / cell));
        image.setRGB(tile.x() + x, tile.y() + row, cells[index] == 1 ? WHITE : BLACK);
      }
    }
  }

  /** The whole band of a 320x180 clip (20 of 180 rows), scaled to the tile. */
  static int bandRows(Rect tile) {
    return tile.height() * 20 / 180;
  }

  static void paint(BufferedImage image, Rect tile, int frame) {
    paintRows(image, tile, cells(frame), 0, bandRows(tile));
  }

  static void fill(BufferedImage image, Rect area, int rgb) {
    for (int y = area.y(); y < area.bottom(); y++) {
      for (int x = area.x(); x < area.right(); x++) {
        image.setRGB(x, y, rgb);
      }
    }
  }
}
