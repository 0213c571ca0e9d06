package dev.wall.core.layout;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The size of the whole wall canvas, in any unit the regions share. */
public record Size(int width, int height) {

  @JsonCreator
  public Size(@JsonProperty("width") int width, @JsonProperty("height") int height) {
    this.width = width;
    this.height = height;
  }
}
