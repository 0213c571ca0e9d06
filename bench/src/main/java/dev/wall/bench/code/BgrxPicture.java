package dev.wall.bench.code;

import java.awt.image.BufferedImage;

/**
 * A frame as ffmpeg's x11grab delivers it raw ({@code -pix_fmt bgr0}): four bytes per pixel, blue
 * first, no padding. Wraps the bytes without copying them.
 */
public record BgrxPicture(byte[] bytes, int width, int height) implements Picture {
  public static final int BYTES_PER_PIXEL = 4;

  public BgrxPicture {
    if (bytes.length != frameBytes(width, height)) {
      throw new IllegalArgumentException(
          "a "
              + width
              + "x"
              + height
              + " bgr0 frame is "
              + frameBytes(width, height)
              + " bytes, got "
              + bytes.length);
    }
  }

  public static int frameBytes(int width, int height) {
    return width * height * BYTES_PER_PIXEL;
  }

  @Override
  public int luma(int x, int y) {
    int i = (y * width + x) * BYTES_PER_PIXEL;
    return Luma.of(bytes[i + 2] & 0xff, bytes[i + 1] & 0xff, bytes[i] & 0xff);
  }

  @Override
  public BufferedImage toImage() {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int i = (y * width + x) * BYTES_PER_PIXEL;
        image.setRGB(
            x, y, (bytes[i + 2] & 0xff) << 16 | (bytes[i + 1] & 0xff) << 8 | (bytes[i] & 0xff));
      }
    }
    return image;
  }
}
