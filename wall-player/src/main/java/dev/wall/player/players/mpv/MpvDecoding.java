package dev.wall.player.players.mpv;

import static dev.wall.player.players.Decoding.REENCODE;
import static dev.wall.player.players.Decoding.describe;
import static dev.wall.player.players.Decoding.fitsH264Block;

import dev.wall.player.display.DisplayStack;
import dev.wall.player.players.Board;
import dev.wall.player.players.Decoding;
import dev.wall.player.players.MediaInfo;
import java.util.List;

/** mpv's decoding on a node (the rules are {@link Decoding}'s; the table is docs/decoders.md). */
final class MpvDecoding {
  private MpvDecoding() {}

  /**
   * The decoding of {@code clips} by mpv on {@code board}, drawing on {@code stack}.
   *
   * @param clips what ffprobe said of each clip of the screen; empty when they could not be probed
   */
  static Decoding of(Board board, DisplayStack.Kind stack, boolean gpu, List<MediaInfo> clips) {
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
    if (soc == Board.Soc.BCM2711
        && !anyHevc
        && !h264.isEmpty()
        && h264.size() == clips.size()
        && board.release() > 0
        && board.release() < Board.TRIXIE
        && h264.stream().allMatch(Decoding::fitsH264Block)) {
      return new Decoding("v4l2m2m-copy", List.of("--hwdec=v4l2m2m-copy"), true, null);
    }
    if (allHevc) {
      return new Decoding(hevc, hevcArgs, true, null);
    }
    String decoder =
        anyHevc
            ? hevc + " for HEVC, software for the rest"
            : clips.isEmpty() ? hevc + " for HEVC" : "software";
    double holds =
        soc == Board.Soc.BCM2712
            ? Decoding.PI5_SOFTWARE_PIXEL_RATE
            : Decoding.PI4_SOFTWARE_PIXEL_RATE;
    for (MediaInfo clip : clips) {
      if ("hevc".equals(clip.codec())) {
        continue;
      }
      String what = describe(clip);
      if (soc == Board.Soc.BCM2711 && "h264".equals(clip.codec()) && !fitsH264Block(clip)) {
        return new Decoding(
            decoder,
            hevcArgs,
            anyHevc,
            what
                + ": a Pi 4's H.264 decoder stops at"
                + " 1080p, and its CPU cannot decode this in software without dropping frames; "
                + REENCODE);
      }
      if (Decoding.pixelRate(clip) > holds) {
        String why =
            soc == Board.Soc.BCM2712 && "h264".equals(clip.codec())
                ? "a Pi 5 has no H.264 decoder, and its CPU holds H.264 up to 1080p at 60 frames a"
                    + " second"
                : pi
                    + " decodes "
                    + Decoding.codecName(clip)
                    + " in software and holds it up to 1080p at "
                    + (soc == Board.Soc.BCM2712 ? 60 : 30)
                    + " frames a second";
        return new Decoding(decoder, hevcArgs, anyHevc, what + ": " + why + "; " + REENCODE);
      }
    }
    return new Decoding(decoder, hevcArgs, anyHevc, null);
  }
}
