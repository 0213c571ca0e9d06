package dev.wall.core.layout;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * One screen of the wall. Rank i drives {@code screens[i]}. A missing {@code window} means full
 * screen on {@code output}; a missing {@code media} means this screen shows its {@code region} of
 * the wall's span video.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Screen(
    String name,
    String host,
    String address,
    int output,
    Rect window,
    Rect region,
    String media,
    Audio audio,
    List<String> playerArgs) {

  /** Built in code, too, a screen has no null audio or player arguments. */
  public Screen {
    audio = audio == null ? Audio.NONE : audio;
    playerArgs = playerArgs == null ? List.of() : List.copyOf(playerArgs);
  }

  @JsonCreator
  public Screen(
      @JsonProperty("name") String name,
      @JsonProperty("host") String host,
      @JsonProperty("address") String address,
      @JsonProperty("output") Integer output,
      @JsonProperty("window") Rect window,
      @JsonProperty("region") Rect region,
      @JsonProperty("media") String media,
      @JsonProperty("audio") Audio audio,
      @JsonProperty("playerArgs") List<String> playerArgs) {
    this(
        name,
        host,
        address,
        output == null ? 0 : (int) output,
        window,
        region,
        media,
        audio == null ? Audio.NONE : audio,
        playerArgs == null ? List.of() : List.copyOf(playerArgs));
  }

  public Optional<Rect> windowIfSet() {
    return Optional.ofNullable(window);
  }

  public boolean showsSpan() {
    return media == null;
  }
}
