package dev.wall.player.players;

import java.util.Locale;
import java.util.Set;

/**
 * Whether a Pi's video block decodes a clip, by its codec, profile, level, size and frame rate
 * (docs/decoders.md): a Pi 4's H.264 block takes 8-bit H.264 up to level 4.2 (1080p60), and both
 * boards' HEVC block Main and Main 10 up to level 5.1 (4096x2160 at 60). Anything else is software
 * on that node, or not played well at all.
 */
public final class HardwareDecode {
  /** H.264 profiles of 8 bits, 4:2:0: what the Pi 4's block decodes. */
  static final Set<String> H264_PROFILES =
      Set.of("Constrained Baseline", "Baseline", "Main", "High", "Extended");

  static final Set<String> HEVC_PROFILES = Set.of("Main", "Main 10", "Main Still Picture");

  /** H.264 level 4.2, as ffprobe gives it. */
  static final int H264_MAX_LEVEL = 42;

  /** HEVC level 5.1, as ffprobe gives it (30 times the level). */
  static final int HEVC_MAX_LEVEL = 153;

  private HardwareDecode() {}

  /**
   * Why {@code board}'s video block does not decode {@code clip}, in a few words, or null when it
   * does; null too off a Pi 4 or 5, which have no block the wall uses.
   */
  public static String whyNot(Board board, MediaInfo clip) {
    if (board.soc() == Board.Soc.OTHER) {
      return null;
    }
    String codec = clip.codec() == null ? "" : clip.codec();
    if (codec.equals("hevc")) {
      return hevc(clip);
    }
    if (board.soc() == Board.Soc.BCM2712) {
      return Decoding.codecName(clip) + ": a Pi 5 decodes only HEVC in hardware";
    }
    if (!codec.equals("h264")) {
      return Decoding.codecName(clip) + ": a Pi 4 decodes only H.264 and HEVC in hardware";
    }
    if (!Decoding.fitsH264Block(clip)) {
      return "H.264 at " + size(clip) + ": a Pi 4's H.264 block stops at 1920x1080";
    }
    if (clip.profile() != null && !H264_PROFILES.contains(clip.profile())) {
      return "H.264 profile " + clip.profile() + ": a Pi 4's H.264 block takes 8-bit 4:2:0 only";
    }
    if (clip.level() > H264_MAX_LEVEL) {
      return "H.264 level "
          + clip.level() / 10.0
          + ": a Pi 4's H.264 block stops at level 4.2 (1080p60)";
    }
    if (clip.frameRate() > 60.5) {
      return "H.264 at " + rate(clip) + ": a Pi 4's H.264 block stops at 60 frames a second";
    }
    return null;
  }

  private static String hevc(MediaInfo clip) {
    if (clip.width() > 4096 || clip.height() > 2160) {
      return "HEVC at " + size(clip) + ": a Pi's HEVC block stops at 4096x2160";
    }
    if (clip.profile() != null && !HEVC_PROFILES.contains(clip.profile())) {
      return "HEVC profile " + clip.profile() + ": a Pi's HEVC block takes Main and Main 10 only";
    }
    if (clip.level() > HEVC_MAX_LEVEL) {
      return "HEVC level "
          + String.format(Locale.ROOT, "%.1f", clip.level() / 30.0)
          + ": a Pi's HEVC block stops at level 5.1 (4Kp60)";
    }
    if (clip.frameRate() > 60.5) {
      return "HEVC at " + rate(clip) + ": a Pi's HEVC block stops at 60 frames a second";
    }
    return null;
  }

  private static String size(MediaInfo clip) {
    return clip.width() + "x" + clip.height();
  }

  private static String rate(MediaInfo clip) {
    return String.format(Locale.ROOT, "%.3g fps", clip.frameRate());
  }
}
