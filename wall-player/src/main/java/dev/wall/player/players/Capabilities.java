package dev.wall.player.players;

/**
 * What a backend can do, so the sync loop asks instead of guessing.
 *
 * @param trimsRate playback rate can be set in small steps (±5 %) without a visible jump
 * @param seeksExactly an absolute seek lands on the exact frame, not the previous key frame
 * @param positionResolutionSeconds the granularity of {@link Player#position()}
 * @param startsPaused the player can load a clip and hold its first frame before release
 * @param cropsSpan the player can show a sub-rectangle of the clip (span mode)
 * @param playsTimeline the player can play a playlist as one timeline, items changing as frames do,
 *     with no seam between them
 * @param itemSwitch how it moves to the next item at a seam, when it plays item by item
 */
public record Capabilities(
    boolean trimsRate,
    boolean seeksExactly,
    double positionResolutionSeconds,
    boolean startsPaused,
    boolean cropsSpan,
    boolean playsTimeline,
    ItemSwitch itemSwitch) {

  /** A player of one clip at a time, which goes to the next playlist item by restarting. */
  public Capabilities(
      boolean trimsRate,
      boolean seeksExactly,
      double positionResolutionSeconds,
      boolean startsPaused,
      boolean cropsSpan) {
    this(
        trimsRate,
        seeksExactly,
        positionResolutionSeconds,
        startsPaused,
        cropsSpan,
        false,
        ItemSwitch.RESTARTS);
  }

  /** How a player goes from one playlist item to the next at a seam. */
  public enum ItemSwitch {
    /** The last frame stays on screen while the next clip loads, paused on its first frame. */
    HOLDS_LAST_FRAME,
    /**
     * The player is restarted with the next clip: for its start-up the screen shows what lies
     * beneath.
     */
    RESTARTS
  }
}
