package dev.wall.player.media;

import dev.wall.player.players.Board;
import dev.wall.player.players.Decoding;
import dev.wall.player.players.MediaInfo;

/**
 * The codec a node's clips are encoded in, chosen for the block that decodes them there
 * (docs/decoders.md): a Pi 4 decodes H.264 up to 1080p and HEVC up to 4K in hardware, a Pi 5 only
 * HEVC, and anything else (a PC) plays H.264 in software most cheaply.
 */
public enum VideoCodec {
  H264("h264", "H.264", "libx264"),
  HEVC("hevc", "HEVC", "libx265");

  /** The most either Pi's HEVC block decodes: 4096x2160. */
  public static final int HEVC_MAX_WIDTH = 4096;

  public static final int HEVC_MAX_HEIGHT = 2160;

  private final String ffprobeName;
  private final String displayName;
  private final String encoder;

  VideoCodec(String ffprobeName, String displayName, String encoder) {
    this.ffprobeName = ffprobeName;
    this.displayName = displayName;
    this.encoder = encoder;
  }

  /** ffprobe's name for it: {@code h264}, {@code hevc}. */
  public String ffprobeName() {
    return ffprobeName;
  }

  /** {@code H.264}, {@code HEVC}. */
  public String displayName() {
    return displayName;
  }

  /** ffmpeg's encoder. */
  public String encoder() {
    return encoder;
  }

  /** The codec {@code board} decodes best at {@code width} x {@code height}. */
  public static VideoCodec forBoard(Board board, int width, int height) {
    return switch (board.soc()) {
      case BCM2712 -> HEVC;
      case BCM2711 ->
          Decoding.fitsH264Block(new MediaInfo(width, height, 0, 0, "h264")) ? H264 : HEVC;
      case OTHER -> H264;
    };
  }

  public static boolean fitsHevcBlock(int width, int height) {
    return width <= HEVC_MAX_WIDTH && height <= HEVC_MAX_HEIGHT;
  }
}
