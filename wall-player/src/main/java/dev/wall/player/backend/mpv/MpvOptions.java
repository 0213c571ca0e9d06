package dev.wall.player.backend.mpv;

/**
 * The mpv backend's own settings. On a Pi 4 use {@code hwdec=v4l2m2m-copy} for H.264; on a Pi 4/5
 * console without X use {@code vo=gpu} with {@code gpuContext=drm}. Null leaves mpv's default.
 */
public record MpvOptions(String executable, String hwdec, String vo, String gpuContext) {
  public static final MpvOptions DEFAULTS = new MpvOptions("mpv", null, null, null);
}
