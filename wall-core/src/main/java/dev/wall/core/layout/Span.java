package dev.wall.core.layout;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One video shown across every screen without media of its own, each cropping its region; or a
 * playlist of such videos, played in order.
 */
public record Span(List<String> media) {

  public Span {
    media = List.copyOf(media);
  }

  /** One video across the wall. */
  public Span(String media) {
    this(List.of(media));
  }

  @JsonCreator
  public static Span of(
      @JsonProperty("media") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          List<String> media) {
    return new Span(media);
  }
}
