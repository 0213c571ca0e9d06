package dev.wall.player.backend;

import dev.wall.core.layout.PlayerKind;
import dev.wall.player.display.DisplayStack;
import java.util.List;
import java.util.Locale;

/**
 * How a screen's clips are decoded on its node, and whether the node can hold them: the one place
 * the wall decides it. For mpv it is an {@code --hwdec} (with {@code --hwdec-codecs}); omxplayer and
 * VLC choose for themselves. The table, and where each fact comes from, is docs/decoders.md.
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
  /** A Pi 4's H.264 block and the most a Pi decodes H.264 in software: 1080p (level 4.x, 8192 macroblocks). */
  static final int MAX_H264_MACROBLOCKS = 8192;
  /** What a Pi 4's four A72 cores decode of H.264 in software, in pixels a second: 1080p at 30 frames. */
  static final double PI4_SOFTWARE_PIXEL_RATE = 1920.0 * 1088 * 30;
  /** What a Pi 5's four A76 cores hold: 1080p at 60 frames. */
  static final double PI5_SOFTWARE_PIXEL_RATE = 1920.0 * 1088 * 60;
  private static final String REENCODE = "re-encode it as HEVC, which both Pi 4 and Pi 5 decode in hardware up to"
      + " 4K (ffmpeg -i IN -c:v libx265 -tag:v hvc1 OUT.mp4)";

  public Decoding {
    mpvArgs = List.copyOf(mpvArgs);
  }

  /** Whether the node holds these clips: nothing to warn of. */
  public boolean ok() {
    return problem == null;
  }

  /**
   * The decoding of {@code clips} by {@code player} on {@code board}, drawing on {@code stack}.
   *
   * @param clips what ffprobe said of each clip of the screen; empty when they could not be probed
   */
  public static Decoding of(PlayerKind player, Board board, DisplayStack.Kind stack, boolean gpu,
      List<MediaInfo> clips) {
    return switch (player) {
      case MPV, AUTO -> mpv(board, stack, gpu, clips);
      case OMXPLAYER -> omxplayer(clips);
      case VLC -> new Decoding("VLC's own", List.of(), false, null);
    };
  }

  /** mpv's decoding ({@link Decoding the rules}). */
  public static Decoding mpv(Board board, DisplayStack.Kind stack, boolean gpu, List<MediaInfo> clips) {
    Board.Soc soc = board.soc();
    if (soc == Board.Soc.OTHER) {
      return new Decoding("mpv's default", List.of(), false, null);
    }
    String hevc = stack == DisplayStack.Kind.DRM && gpu ? "drm" : "drm-copy";
    List<String> hevcArgs = List.of("--hwdec=" + hevc, "--hwdec-codecs=hevc");
    boolean anyHevc = clips.stream().anyMatch(c -> "hevc".equals(c.codec()));
    boolean allHevc = !clips.isEmpty() && clips.stream().allMatch(c -> "hevc".equals(c.codec()));
    List<MediaInfo> h264 = clips.stream().filter(c -> "h264".equals(c.codec())).toList();
    String pi = soc == Board.Soc.BCM2712 ? "a Pi 5" : "a Pi 4";
    if (soc == Board.Soc.BCM2711 && !anyHevc && !h264.isEmpty() && h264.size() == clips.size()
        && board.release() > 0 && board.release() < Board.TRIXIE && h264.stream().allMatch(Decoding::fitsH264Block)) {
      return new Decoding("v4l2m2m-copy", List.of("--hwdec=v4l2m2m-copy"), true, null);
    }
    if (allHevc) {
      return new Decoding(hevc, hevcArgs, true, null);
    }
    String decoder = anyHevc ? hevc + " for HEVC, software for the rest" : clips.isEmpty() ? hevc + " for HEVC"
        : "software";
    double holds = soc == Board.Soc.BCM2712 ? PI5_SOFTWARE_PIXEL_RATE : PI4_SOFTWARE_PIXEL_RATE;
    for (MediaInfo clip : clips) {
      if ("hevc".equals(clip.codec())) {
        continue;
      }
      String what = describe(clip);
      if (soc == Board.Soc.BCM2711 && "h264".equals(clip.codec()) && !fitsH264Block(clip)) {
        return new Decoding(decoder, hevcArgs, anyHevc, what + ": a Pi 4's H.264 decoder stops at 1080p, and its CPU"
            + " cannot decode this in software without dropping frames; " + REENCODE);
      }
      if (pixelRate(clip) > holds) {
        String why = soc == Board.Soc.BCM2712 && "h264".equals(clip.codec())
            ? "a Pi 5 has no H.264 decoder, and its CPU holds H.264 up to 1080p at 60 frames a second"
            : pi + " decodes " + codecName(clip) + " in software and holds it up to 1080p at "
                + (soc == Board.Soc.BCM2712 ? 60 : 30) + " frames a second";
        return new Decoding(decoder, hevcArgs, anyHevc, what + ": " + why + "; " + REENCODE);
      }
    }
    return new Decoding(decoder, hevcArgs, anyHevc, null);
  }

  /** omxplayer decodes through the firmware: H.264 (and MPEG-4) up to 1080p, never HEVC. */
  static Decoding omxplayer(List<MediaInfo> clips) {
    for (MediaInfo clip : clips) {
      if ("hevc".equals(clip.codec())) {
        return new Decoding("software", List.of(), false, describe(clip) + ": omxplayer has no HEVC decoder;"
            + " re-encode it as H.264 up to 1080p (ffmpeg -i IN -c:v libx264 OUT.mp4), or play it with mpv");
      }
      if (!fitsH264Block(clip)) {
        return new Decoding("firmware", List.of(), true, describe(clip) + ": omxplayer decodes up to 1080p;"
            + " re-encode it at 1080p");
      }
    }
    return new Decoding("firmware", List.of(), true, null);
  }

  /** Within the H.264 block's level 4.x: at most 8192 macroblocks of 16x16 a frame (1920x1088). */
  static boolean fitsH264Block(MediaInfo clip) {
    return macroblocks(clip.width()) * macroblocks(clip.height()) <= MAX_H264_MACROBLOCKS
        && clip.width() <= 2048 && clip.height() <= 2048;
  }

  private static long macroblocks(int pixels) {
    return (pixels + 15) / 16;
  }

  private static double pixelRate(MediaInfo clip) {
    return (double) clip.width() * clip.height() * clip.frameRateOr(30);
  }

  /** {@code H.264 3840x2160 at 30 fps}. */
  public static String describe(MediaInfo clip) {
    return codecName(clip) + " " + clip.width() + "x" + clip.height()
        + (clip.frameRate() > 0 ? String.format(Locale.ROOT, " at %.3g fps", clip.frameRate()) : "");
  }

  static String codecName(MediaInfo clip) {
    String codec = clip.codec() == null ? "?" : clip.codec();
    return switch (codec) {
      case "h264" -> "H.264";
      case "hevc" -> "HEVC";
      default -> codec;
    };
  }
}
