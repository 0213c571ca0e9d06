package dev.wall.player.players.mpv;

/**
 * The mpv backend's own settings. On a Pi 4 use {@code hwdec=v4l2m2m-copy} for H.264; on a Pi 4/5
 * console without X use {@code vo=gpu} with {@code gpuContext=drm}. Null leaves mpv's default.
 * {@code itemLoad} is how a playlist played item by item (items of uneven length) moves to its next
 * item at a seam.
 */
public record MpvOptions(
    String executable, String hwdec, String vo, String gpuContext, ItemLoad itemLoad) {
  public static final MpvOptions DEFAULTS =
      new MpvOptions("mpv", null, null, null, ItemLoad.PRELOADED);

  public MpvOptions(String executable, String hwdec, String vo, String gpuContext) {
    this(executable, hwdec, vo, gpuContext, DEFAULTS.itemLoad());
  }

  /** How the next playlist item is loaded while the last frame of the one before is held. */
  public enum ItemLoad {
    /**
     * mpv holds the whole list and opens the next clip before it is needed ({@code
     * --prefetch-playlist}).
     */
    PRELOADED,
    /** The next clip is opened when it is needed ({@code loadfile}). */
    RELOAD
  }
}
