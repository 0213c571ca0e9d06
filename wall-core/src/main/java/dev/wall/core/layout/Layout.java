package dev.wall.core.layout;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A whole wall, as described by one layout file (version 1). Immutable. */
@JsonInclude(JsonInclude.Include.NON_NULL)
// allowPlayerCode is the validator's gate on playerArgs (PlayerCodeOptions); nothing after it reads it.
@com.fasterxml.jackson.annotation.JsonIgnoreProperties({"allowPlayerCode"})
public record Layout(
    int version,
    String name,
    int loops,
    PlayerKind player,
    String mediaRoot,
    Network network,
    SyncSettings sync,
    LoopMode loopMode,
    Size wall,
    Span span,
    List<Screen> screens) {

  public static final int DEFAULT_LOOPS = 1;

  @JsonCreator
  public static Layout of(
      @JsonProperty("version") Integer version,
      @JsonProperty("name") String name,
      @JsonProperty("loops") Integer loops,
      @JsonProperty("player") PlayerKind player,
      @JsonProperty("mediaRoot") String mediaRoot,
      @JsonProperty("network") Network network,
      @JsonProperty("sync") SyncSettings sync,
      @JsonProperty("loopMode") LoopMode loopMode,
      @JsonProperty("wall") Size wall,
      @JsonProperty("span") Span span,
      @JsonProperty("screens") List<Screen> screens) {
    return new Layout(
        version == null ? 0 : version,
        name,
        loops == null ? DEFAULT_LOOPS : loops,
        player == null ? PlayerKind.AUTO : player,
        mediaRoot,
        network,
        sync == null ? SyncSettings.DEFAULTS : sync,
        loopMode == null ? LoopMode.LOCKSTEP : loopMode,
        wall,
        span,
        screens == null ? List.of() : List.copyOf(screens));
  }

  /** Loops to play; 0 means forever. */
  public boolean loopsForever() {
    return loops == 0;
  }

  public Layout withLoops(int newLoops) {
    return new Layout(
        version, name, newLoops, player, mediaRoot, network, sync, loopMode, wall, span, screens);
  }

  public Layout withMediaRoot(String newMediaRoot) {
    return new Layout(
        version, name, loops, player, newMediaRoot, network, sync, loopMode, wall, span, screens);
  }

  public Screen screen(int rank) {
    return screens.get(rank);
  }

  /** The clip this screen plays: its own, or the span video. */
  public Path mediaPath(Screen screen) {
    String media = screen.showsSpan() ? span.media() : screen.media();
    return Path.of(mediaRoot).resolve(media).normalize();
  }

  public Optional<Network> networkIfSet() {
    return Optional.ofNullable(network);
  }

  public List<String> hosts() {
    return screens.stream().map(Screen::host).distinct().toList();
  }
}
