package dev.wall.core.layout;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * One screen of the wall. Rank i drives {@code screens[i]}. A missing {@code window} means full
 * screen on {@code output}; a missing {@code media} means this screen shows its {@code region} of
 * the wall's span video. {@code media} is a playlist: one clip, or several played in order, every
 * screen moving from item k to item k + 1 together. {@code latencyMs} is how much later than the
 * others this screen's panel shows a frame it is given: the screen is driven that much ahead.
 * {@code board} is what its node is for decoding, when the layout says it (null: asked of the
 * node); every screen of one host says the same.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Screen(
    String name,
    String host,
    String address,
    int output,
    Rect window,
    Rect region,
    List<String> media,
    Audio audio,
    List<String> playerArgs,
    int latencyMs,
    BoardKind board) {

  /** Built in code, too, a screen has no null audio or player arguments, and no empty playlist. */
  public Screen {
    media = media == null || media.isEmpty() ? null : List.copyOf(media);
    audio = audio == null ? Audio.NONE : audio;
    playerArgs = playerArgs == null ? List.of() : List.copyOf(playerArgs);
  }

  /** A screen whose node's board the layout does not say. */
  public Screen(
      String name,
      String host,
      String address,
      int output,
      Rect window,
      Rect region,
      List<String> media,
      Audio audio,
      List<String> playerArgs,
      int latencyMs) {
    this(name, host, address, output, window, region, media, audio, playerArgs, latencyMs, null);
  }

  /** A screen with one clip (or none: the span), on time. */
  public Screen(
      String name,
      String host,
      String address,
      int output,
      Rect window,
      Rect region,
      String media,
      Audio audio,
      List<String> playerArgs) {
    this(
        name,
        host,
        address,
        output,
        window,
        region,
        media == null ? null : List.of(media),
        audio,
        playerArgs,
        0);
  }

  /** {@code media} may be one clip or a list; the validator has checked which. */
  @JsonCreator
  public static Screen of(
      @JsonProperty("name") String name,
      @JsonProperty("host") String host,
      @JsonProperty("address") String address,
      @JsonProperty("output") Integer output,
      @JsonProperty("window") Rect window,
      @JsonProperty("region") Rect region,
      @JsonProperty("media") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          List<String> media,
      @JsonProperty("audio") Audio audio,
      @JsonProperty("playerArgs") List<String> playerArgs,
      @JsonProperty("latencyMs") Integer latencyMs,
      @JsonProperty("board") BoardKind board) {
    return new Screen(
        name,
        host,
        address,
        output == null ? 0 : output,
        window,
        region,
        media,
        audio,
        playerArgs,
        latencyMs == null ? 0 : latencyMs,
        board);
  }

  /** What the layout says this screen's node is, if it says. */
  public Optional<BoardKind> boardIfSet() {
    return Optional.ofNullable(board);
  }

  public Optional<Rect> windowIfSet() {
    return Optional.ofNullable(window);
  }

  public boolean showsSpan() {
    return media == null;
  }

  /** Whether this screen sends its sound somewhere: such a screen is the wall's clock. */
  public boolean hasAudio() {
    return audio != Audio.NONE;
  }
}
