package dev.wall.player.backend;

/**
 * What a backend can do, so the sync loop asks instead of guessing.
 *
 * @param trimsRate playback rate can be set in small steps (±5 %) without a visible jump
 * @param seeksExactly an absolute seek lands on the exact frame, not the previous key frame
 * @param positionResolutionSeconds the granularity of {@link Player#position()}
 * @param startsPaused the player can load a clip and hold its first frame before release
 * @param cropsSpan the player can show a sub-rectangle of the clip (span mode)
 */
public record Capabilities(
    boolean trimsRate,
    boolean seeksExactly,
    double positionResolutionSeconds,
    boolean startsPaused,
    boolean cropsSpan) {}
