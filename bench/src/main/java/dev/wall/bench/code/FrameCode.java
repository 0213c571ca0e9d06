package dev.wall.bench.code;

import dev.wall.core.layout.Rect;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the frame number that media/generate/make-clip draws in each clip's top band: 16 equal
 * cells, cell 0 white, cells 1..13 the frame number (bit 0 first), cell 14 the inverse of bit 0,
 * cell 15 black. The band and cells scale with the window, so a clip shown at any size reads.
 *
 * <p>Each row in the middle of the band is read on its own (the middle half of every cell, away
 * from the blur at cell edges). A screenshot taken while a window is being repainted can hold two
 * frames, one above the other; its rows then disagree and the tile reads as the frame most rows
 * show, marked torn, rather than as a failure. Only a tile with no white marker in most rows is
 * blank.
 */
public final class FrameCode {
  public static final int CELLS = 16;
  public static final int FRAME_BITS = 13;

  /** Cells at or above this luma read as white, at or below {@link #BLACK_MAX} as black. */
  static final int WHITE_MIN = 160;

  static final int BLACK_MAX = 96;

  private final double bandFraction;
  private final double cellFraction;

  private FrameCode(double bandFraction, double cellFraction) {
    this.bandFraction = bandFraction;
    this.cellFraction = cellFraction;
  }

  /** The code of a clip made at this size: band and cell sizes rounded as make-clip rounds them. */
  public static FrameCode forClip(int clipWidth, int clipHeight) {
    int band = clipHeight / 9 / 2 * 2;
    int cell = clipWidth / CELLS;
    if (band < 2 || cell < 1) {
      throw new IllegalArgumentException(
          "a " + clipWidth + "x" + clipHeight + " clip is too small for the code");
    }
    return new FrameCode((double) band / clipHeight, (double) cell / clipWidth);
  }

  /** What the window at {@code tile} (display pixels) shows in {@code picture}. */
  public TileReading read(Picture picture, Rect tile) {
    if (tile.x() < 0
        || tile.y() < 0
        || tile.right() > picture.width()
        || tile.bottom() > picture.height()) {
      throw new IllegalArgumentException(
          "tile "
              + tile
              + " lies outside the "
              + picture.width()
              + "x"
              + picture.height()
              + " picture");
    }
    double band = tile.height() * bandFraction;
    int first = (int) Math.ceil(band * 0.2);
    int last = Math.max(first, (int) Math.floor(band * 0.8 - 1e-9));
    Map<Integer, Integer> votes = new LinkedHashMap<>();
    int markerRows = 0;
    for (int row = first; row <= last; row++) {
      Row read = readRow(picture, tile, tile.y() + row);
      markerRows += read.marker ? 1 : 0;
      if (read.frame >= 0) {
        votes.merge(read.frame, 1, Integer::sum);
      }
    }
    int rows = last - first + 1;
    if (votes.isEmpty()) {
      return markerRows * 2 > rows ? TileReading.undecodable() : TileReading.blank();
    }
    int best = -1;
    int bestVotes = 0;
    for (Map.Entry<Integer, Integer> vote : votes.entrySet()) {
      if (vote.getValue() > bestVotes) {
        best = vote.getKey();
        bestVotes = vote.getValue();
      }
    }
    return TileReading.decoded(best, votes.size() > 1);
  }

  private record Row(boolean marker, int frame) {}

  private Row readRow(Picture picture, Rect tile, int y) {
    double cell = tile.width() * cellFraction;
    int[] bits = new int[CELLS];
    for (int i = 0; i < CELLS; i++) {
      int from = tile.x() + (int) Math.round((i + 0.25) * cell);
      int to = Math.max(from + 1, tile.x() + (int) Math.round((i + 0.75) * cell));
      bits[i] = level(meanLuma(picture, from, Math.min(to, tile.right()), y));
    }
    boolean marker = bits[0] == 1;
    if (!marker
        || bits[CELLS - 1] != 0
        || bits[CELLS - 2] < 0
        || bits[1] < 0
        || bits[CELLS - 2] == bits[1]) {
      return new Row(marker, -1);
    }
    int frame = 0;
    for (int bit = 0; bit < FRAME_BITS; bit++) {
      int value = bits[1 + bit];
      if (value < 0) {
        return new Row(true, -1);
      }
      frame |= value << bit;
    }
    return new Row(true, frame);
  }

  private static int meanLuma(Picture picture, int from, int to, int y) {
    int sum = 0;
    for (int x = from; x < to; x++) {
      sum += picture.luma(x, y);
    }
    return sum / (to - from);
  }

  /** 1 white, 0 black, -1 neither (a grey that no clean cell shows). */
  private static int level(int luma) {
    if (luma >= WHITE_MIN) {
      return 1;
    }
    return luma <= BLACK_MAX ? 0 : -1;
  }
}
