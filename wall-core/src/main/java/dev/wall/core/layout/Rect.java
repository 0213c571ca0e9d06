package dev.wall.core.layout;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A rectangle in pixels (a window) or in wall-canvas units (a region). */
public record Rect(int x, int y, int width, int height) {

  @JsonCreator
  public Rect(
      @JsonProperty("x") int x,
      @JsonProperty("y") int y,
      @JsonProperty("width") int width,
      @JsonProperty("height") int height) {
    this.x = x;
    this.y = y;
    this.width = width;
    this.height = height;
  }

  public int right() {
    return x + width;
  }

  public int bottom() {
    return y + height;
  }

  public boolean overlaps(Rect other) {
    return x < other.right() && other.x < right() && y < other.bottom() && other.y < bottom();
  }

  public boolean contains(Rect other) {
    return other.x >= x && other.y >= y && other.right() <= right() && other.bottom() <= bottom();
  }

  /** X11 geometry, as mpv's {@code --geometry} takes it: {@code WxH+X+Y}. */
  public String geometry() {
    return width + "x" + height + "+" + x + "+" + y;
  }
}
