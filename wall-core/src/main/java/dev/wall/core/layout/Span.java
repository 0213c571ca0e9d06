package dev.wall.core.layout;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One video shown across every screen without media of its own, each cropping its region. */
public record Span(String media) {

  @JsonCreator
  public Span(@JsonProperty("media") String media) {
    this.media = media;
  }
}
