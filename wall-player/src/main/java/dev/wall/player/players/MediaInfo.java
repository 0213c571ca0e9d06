package dev.wall.player.players;

/**
 * What a backend must know about a clip before its player starts: the decoded picture size (for
 * span crops in pixels), the frame rate and the length.
 *
 * @param frameRate frames per second, or 0 when the container does not say
 */
public record MediaInfo(int width, int height, double frameRate, double duration) {

  /** The frame rate, or {@code fallback} when the clip does not declare one. */
  public double frameRateOr(double fallback) {
    return frameRate > 0 ? frameRate : fallback;
  }
}
