package dev.wall.player.media;

import java.util.Locale;

/** Frame rates as ffmpeg takes them and people read them. */
final class FrameRates {
  private FrameRates() {}

  /** {@code 30}, {@code 30000/1001} (29.97), else six decimals. */
  static String text(double fps) {
    if (Math.abs(fps - Math.rint(fps)) < 1e-6) {
      return String.valueOf((long) Math.rint(fps));
    }
    double ntsc = fps * 1001 / 1000;
    if (Math.abs(ntsc - Math.rint(ntsc)) < 1e-3) {
      return (long) Math.rint(ntsc) * 1000 + "/1001";
    }
    return String.format(Locale.ROOT, "%.6f", fps);
  }
}
