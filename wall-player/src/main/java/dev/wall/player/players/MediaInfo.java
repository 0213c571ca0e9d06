package dev.wall.player.players;

/**
 * What a backend must know about a clip before its player starts: the decoded picture size (for
 * span crops in pixels), the frame rate, the length, and the codec (for how it is decoded).
 *
 * @param frameRate frames per second, or 0 when the container does not say
 * @param codec ffprobe's name for the video codec ({@code h264}, {@code hevc}, ...), or null if
 *     unknown
 * @param profile ffprobe's name for the codec's profile ({@code High}, {@code Main 10}), or null
 * @param level the codec's level as ffprobe gives it ({@code 41} for H.264 4.1, {@code 153} for
 *     HEVC 5.1, which is 30 times the level), or 0 when unknown
 */
public record MediaInfo(
    int width,
    int height,
    double frameRate,
    double duration,
    String codec,
    String profile,
    int level) {

  public MediaInfo(int width, int height, double frameRate, double duration, String codec) {
    this(width, height, frameRate, duration, codec, null, 0);
  }

  public MediaInfo(int width, int height, double frameRate, double duration) {
    this(width, height, frameRate, duration, null);
  }

  /** The frame rate, or {@code fallback} when the clip does not declare one. */
  public double frameRateOr(double fallback) {
    return frameRate > 0 ? frameRate : fallback;
  }
}
