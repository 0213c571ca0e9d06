package dev.wall.bench.code;

/**
 * What one screen's window showed in one screenshot.
 *
 * @param status whether a frame number could be read
 * @param frame the frame number when {@link Status#DECODED}, else -1
 * @param torn the band's rows disagreed: the screenshot caught the window mid-repaint, between two
 *     frames (the frame is the one most rows showed)
 */
public record TileReading(Status status, int frame, boolean torn) {
  public enum Status {
    /** A valid code: the frame number is known. */
    DECODED,
    /** No clip on screen: no white marker cell (black window, no window, console). */
    BLANK,
    /**
     * The marker is there but the code is not valid (check bit, levels between black and white).
     */
    UNDECODABLE
  }

  private static final TileReading BLANK = new TileReading(Status.BLANK, -1, false);
  private static final TileReading UNDECODABLE = new TileReading(Status.UNDECODABLE, -1, false);

  public static TileReading decoded(int frame, boolean torn) {
    return new TileReading(Status.DECODED, frame, torn);
  }

  public static TileReading blank() {
    return BLANK;
  }

  public static TileReading undecodable() {
    return UNDECODABLE;
  }

  public boolean isDecoded() {
    return status == Status.DECODED;
  }

  /** The frame number, B for blank or U for undecodable: one cell of the samples file. */
  @Override
  public String toString() {
    return switch (status) {
      case DECODED -> String.valueOf(frame);
      case BLANK -> "B";
      case UNDECODABLE -> "U";
    };
  }
}
