package dev.wall.player.players;

import java.util.List;
import java.util.Locale;

/**
 * How a screen's clips are decoded on its node, and whether the node can hold them, as a backend
 * decides it ({@code Backend.decoding}): for mpv an {@code --hwdec} (with {@code --hwdec-codecs});
 * omxplayer decodes through the firmware and VLC chooses for itself. The rules below are mpv's
 * ({@code players/mpv/MpvDecoding}); the table, and where each fact comes from, is
 * docs/decoders.md.
 *
 * <ul>
 *   <li>Pi 4 and Pi 5: HEVC in hardware, through the stateless V4L2 decoder ({@code rpi-hevc-dec}),
 *       which FFmpeg reaches as its DRM hwaccel: {@code --hwdec=drm} where the video output imports
 *       the frames (mpv's GPU output on a console), else {@code drm-copy}. mpv's {@code v4l2m2m}
 *       decoders never find this block. {@code --hwdec-codecs=hevc} keeps every other codec in
 *       software.
 *   <li>Pi 4, H.264 up to 1080p (the block's limit, level 4.x): {@code --hwdec=v4l2m2m-copy}, the
 *       stateful decoder ({@code bcm2835-codec}), on bookworm and older. On trixie (Debian 13) and
 *       later kernels it has been reported to hang before the first frame, so there H.264 is
 *       decoded in software; a frozen screen is worse than a busy CPU.
 *   <li>Pi 5: no H.264 decoder at all, so software, which it holds up to 1080p.
 *   <li>Anything else (a PC, an older Pi): mpv's own default, which is software.
 * </ul>
 *
 * @param decoder what decodes the clips, in a word or two: {@code drm-copy}, {@code v4l2m2m-copy},
 *     {@code software}, {@code mpv's default}, ...
 * @param mpvArgs mpv's options for it (none for mpv's default and for other players)
 * @param hardware whether the video block decodes these clips
 * @param problem why the node cannot hold these clips, and what to do; null when it can
 */
public record Decoding(String decoder, List<String> mpvArgs, boolean hardware, String problem) {
  /**
   * A Pi 4's H.264 block and the most a Pi decodes H.264 in software: 1080p (level 4.x, 8192
   * macroblocks).
   */
  public static final int MAX_H264_MACROBLOCKS = 8192;

  /**
   * What a Pi 4's four A72 cores decode of H.264 in software, in pixels a second: 1080p at 30
   * frames.
   */
  public static final double PI4_SOFTWARE_PIXEL_RATE = 1920.0 * 1088 * 30;

  /** What a Pi 5's four A76 cores hold: 1080p at 60 frames. */
  public static final double PI5_SOFTWARE_PIXEL_RATE = 1920.0 * 1088 * 60;

  public static final String REENCODE =
      "re-encode it as HEVC, which both Pi 4 and Pi 5 decode in hardware up to"
          + " 4K (ffmpeg -i IN -c:v libx265 -tag:v hvc1 OUT.mp4)";

  public Decoding {
    mpvArgs = List.copyOf(mpvArgs);
  }

  /** Whether the node holds these clips: nothing to warn of. */
  public boolean ok() {
    return problem == null;
  }

  /** A player that chooses its decoder itself: nothing for the wall to add, nothing to warn of. */
  public static Decoding playersOwn(String player) {
    return new Decoding(player + "'s own", List.of(), false, null);
  }

  /** Within the H.264 block's level 4.x: at most 8192 macroblocks of 16x16 a frame (1920x1088). */
  public static boolean fitsH264Block(MediaInfo clip) {
    return macroblocks(clip.width()) * macroblocks(clip.height()) <= MAX_H264_MACROBLOCKS
        && clip.width() <= 2048
        && clip.height() <= 2048;
  }

  private static long macroblocks(int pixels) {
    return (pixels + 15) / 16;
  }

  public static double pixelRate(MediaInfo clip) {
    return (double) clip.width() * clip.height() * clip.frameRateOr(30);
  }

  /** {@code H.264 3840x2160 at 30 fps}. */
  public static String describe(MediaInfo clip) {
    return codecName(clip)
        + " "
        + clip.width()
        + "x"
        + clip.height()
        + (clip.frameRate() > 0
            ? String.format(Locale.ROOT, " at %.3g fps", clip.frameRate())
            : "");
  }

  public static String codecName(MediaInfo clip) {
    String codec = clip.codec() == null ? "?" : clip.codec();
    return switch (codec) {
      case "h264" -> "H.264";
      case "hevc" -> "HEVC";
      default -> codec;
    };
  }
}
