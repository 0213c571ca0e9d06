package dev.wall.bench.code;

/** BT.601 luma in integer maths: what "white" and "black" mean to the decoder. */
final class Luma {
  private Luma() {}

  static int of(int red, int green, int blue) {
    return (299 * red + 587 * green + 114 * blue) / 1000;
  }

  static int ofRgb(int rgb) {
    return of((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
  }
}
