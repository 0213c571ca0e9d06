package dev.wall.player.playertest;

import dev.wall.core.layout.Rect;
import dev.wall.player.display.Screenshot;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** Reads what a screen shows from a screenshot: the bar-coded frame number, or a colour. */
public final class Frames {
  private static final int CELLS = 16;
  private static final int BITS = 13;

  private Frames() {}

  /** The frame number shown in {@code window} on {@code display}, or -1 when none is readable. */
  public static int frameShown(String display, int width, int height, Rect window, Path scratch)
      throws IOException {
    return frameNumber(Screenshot.grab(display, width, height, scratch), window);
  }

  /**
   * Decodes make-clip's bar code: 16 cells across the top ninth of the picture; cell 0 white, cells
   * 1..13 the frame number (bit 0 first), cell 14 the inverse of bit 0, cell 15 black.
   */
  public static int frameNumber(BufferedImage image, Rect window) {
    int y = window.y() + window.height() / 18;
    boolean[] cells = new boolean[CELLS];
    for (int i = 0; i < CELLS; i++) {
      int x = window.x() + (int) ((i + 0.5) * window.width() / CELLS);
      cells[i] = luma(image.getRGB(x, y)) > 128;
    }
    if (!cells[0] || cells[15] || cells[14] == cells[1]) {
      return -1;
    }
    int frame = 0;
    for (int bit = 0; bit < BITS; bit++) {
      if (cells[1 + bit]) {
        frame |= 1 << bit;
      }
    }
    return frame;
  }

  /** The colour at a point, named by which of red, green and blue are on. */
  public static String colourAt(BufferedImage image, int x, int y) {
    int rgb = image.getRGB(x, y);
    return colourName(((rgb >> 16) & 0xff) > 128, ((rgb >> 8) & 0xff) > 128, (rgb & 0xff) > 128);
  }

  public static String colourName(boolean red, boolean green, boolean blue) {
    return (red ? "R" : "-") + (green ? "G" : "-") + (blue ? "B" : "-");
  }

  private static int luma(int rgb) {
    return (299 * ((rgb >> 16) & 0xff) + 587 * ((rgb >> 8) & 0xff) + 114 * (rgb & 0xff)) / 1000;
  }

  public static BufferedImage grab(String display, int width, int height, Path scratch)
      throws IOException {
    return Screenshot.grab(display, width, height, scratch);
  }

  /**
   * Whether a span's tile fills {@code window} edge to edge, its bezel gaps cut out: what is wrong,
   * or null. The tile's edges are its own: the bar code's white first cell at its left edge and
   * black last cell at its right edge, from its top row down (a green gap there would read
   * neither), and its bottom row not all green.
   */
  public static String bezelProblem(BufferedImage image, Rect window) {
    int band = window.height() / 9;
    for (int y = window.y() + 1; y < window.y() + band - 2; y++) {
      if (luma(image.getRGB(window.x() + 1, y)) <= 180) {
        return "not white at its left edge, y=" + y;
      }
      if (luma(image.getRGB(window.right() - 2, y)) >= 70) {
        return "not black at its right edge, y=" + y;
      }
    }
    int green = 0;
    int bottom = window.bottom() - 2;
    for (int x = window.x(); x < window.right(); x++) {
      int rgb = image.getRGB(x, bottom);
      if (((rgb >> 8) & 0xff) > 180 && ((rgb >> 16) & 0xff) < 80 && (rgb & 0xff) < 80) {
        green++;
      }
    }
    return green < window.width() * 0.9 ? null : "its bottom row is the green gap";
  }

  /** The mean luma of {@code window} (every third pixel, inside a 2-pixel margin): 0 is black. */
  public static double meanLuma(BufferedImage image, Rect window) {
    long sum = 0;
    int count = 0;
    for (int y = window.y() + 2; y < window.y() + window.height() - 2; y += 3) {
      for (int x = window.x() + 2; x < window.x() + window.width() - 2; x += 3) {
        sum += luma(image.getRGB(x, y));
        count++;
      }
    }
    return (double) sum / count;
  }
}
