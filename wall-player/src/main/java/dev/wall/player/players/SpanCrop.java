package dev.wall.player.players;

import dev.wall.core.layout.Rect;
import dev.wall.core.layout.Size;

/**
 * The part of the span clip a screen shows, as fractions of the clip's frame (0..1), so it holds
 * whatever the clip's pixel size is. Derived from the screen's region in the wall canvas.
 */
public record SpanCrop(double x, double y, double width, double height) {

  public static SpanCrop of(Rect region, Size wall) {
    return new SpanCrop(
        (double) region.x() / wall.width(),
        (double) region.y() / wall.height(),
        (double) region.width() / wall.width(),
        (double) region.height() / wall.height());
  }

  /**
   * The crop in pixels of a {@code frameWidth} x {@code frameHeight} clip, rounded to whole pixels.
   */
  public Rect inPixels(int frameWidth, int frameHeight) {
    int left = (int) Math.round(x * frameWidth);
    int top = (int) Math.round(y * frameHeight);
    int right = (int) Math.round((x + width) * frameWidth);
    int bottom = (int) Math.round((y + height) * frameHeight);
    return new Rect(left, top, right - left, bottom - top);
  }
}
