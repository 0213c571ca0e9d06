package dev.wall.bench.code;

import java.awt.image.BufferedImage;

/** A captured picture of the display, as the decoder reads it: luma per pixel. */
public interface Picture {
  int width();

  int height();

  /** Luma (BT.601, full range 0..255) of the pixel at x, y. */
  int luma(int x, int y);

  /** The picture as an image (to save it as evidence). */
  BufferedImage toImage();

  static Picture of(BufferedImage image) {
    return new ImagePicture(image);
  }

  /** A picture read from a file, or grabbed as one. */
  record ImagePicture(BufferedImage image) implements Picture {
    @Override
    public int width() {
      return image.getWidth();
    }

    @Override
    public int height() {
      return image.getHeight();
    }

    @Override
    public int luma(int x, int y) {
      return Luma.ofRgb(image.getRGB(x, y));
    }

    @Override
    public BufferedImage toImage() {
      return image;
    }
  }
}
