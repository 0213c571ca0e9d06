package dev.wall.core.layout;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/** A whole wall, as described by one layout file (version 1). Immutable. */
@JsonInclude(JsonInclude.Include.NON_NULL)
// allowPlayerCode is the validator's gate on playerArgs (PlayerArgsRule); nothing after it reads
// it.
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
    UnevenItems unevenItems,
    Size wall,
    Span span,
    List<Screen> screens,
    Schedule schedule,
    Control control,
    Alerts alerts,
    PlayFrom playFrom) {

  public static final int DEFAULT_LOOPS = 1;

  /** Built in code, too, a layout says where it plays from. */
  public Layout {
    playFrom = playFrom == null ? PlayFrom.CACHE : playFrom;
  }

  /**
   * A layout whose playlists (if any) must have items of one length on every screen, without
   * opening hours.
   */
  public static Layout of(
      Integer version,
      String name,
      Integer loops,
      PlayerKind player,
      String mediaRoot,
      Network network,
      SyncSettings sync,
      LoopMode loopMode,
      Size wall,
      Span span,
      List<Screen> screens) {
    return of(
        version, name, loops, player, mediaRoot, network, sync, loopMode, null, wall, span, screens,
        null);
  }

  /** A layout without opening hours. */
  public static Layout of(
      Integer version,
      String name,
      Integer loops,
      PlayerKind player,
      String mediaRoot,
      Network network,
      SyncSettings sync,
      LoopMode loopMode,
      UnevenItems unevenItems,
      Size wall,
      Span span,
      List<Screen> screens) {
    return of(
        version,
        name,
        loops,
        player,
        mediaRoot,
        network,
        sync,
        loopMode,
        unevenItems,
        wall,
        span,
        screens,
        null);
  }

  /** A layout without show control or alerts. */
  public static Layout of(
      Integer version,
      String name,
      Integer loops,
      PlayerKind player,
      String mediaRoot,
      Network network,
      SyncSettings sync,
      LoopMode loopMode,
      UnevenItems unevenItems,
      Size wall,
      Span span,
      List<Screen> screens,
      Schedule schedule) {
    return of(
        version,
        name,
        loops,
        player,
        mediaRoot,
        network,
        sync,
        loopMode,
        unevenItems,
        wall,
        span,
        screens,
        schedule,
        null,
        null,
        null);
  }

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
      @JsonProperty("unevenItems") UnevenItems unevenItems,
      @JsonProperty("wall") Size wall,
      @JsonProperty("span") Span span,
      @JsonProperty("screens") List<Screen> screens,
      @JsonProperty("schedule") Schedule schedule,
      @JsonProperty("control") Control control,
      @JsonProperty("alerts") Alerts alerts,
      @JsonProperty("playFrom") PlayFrom playFrom) {
    return new Layout(
        version == null ? 0 : version,
        name,
        loops == null ? DEFAULT_LOOPS : loops,
        player == null ? PlayerKind.AUTO : player,
        mediaRoot,
        network,
        sync == null ? SyncSettings.DEFAULTS : sync,
        loopMode == null ? LoopMode.LOCKSTEP : loopMode,
        unevenItems == null ? UnevenItems.REFUSE : unevenItems,
        wall,
        span,
        screens == null ? List.of() : List.copyOf(screens),
        schedule,
        control,
        alerts,
        playFrom == null ? PlayFrom.CACHE : playFrom);
  }

  /** Loops to play; 0 means forever. */
  public boolean loopsForever() {
    return loops == 0;
  }

  public Layout withLoops(int newLoops) {
    return new Layout(
        version,
        name,
        newLoops,
        player,
        mediaRoot,
        network,
        sync,
        loopMode,
        unevenItems,
        wall,
        span,
        screens,
        schedule,
        control,
        alerts,
        playFrom);
  }

  public Layout withMediaRoot(String newMediaRoot) {
    return new Layout(
        version,
        name,
        loops,
        player,
        newMediaRoot,
        network,
        sync,
        loopMode,
        unevenItems,
        wall,
        span,
        screens,
        schedule,
        control,
        alerts,
        playFrom);
  }

  /**
   * The same wall with each screen named in {@code media} playing that playlist instead (a screen
   * of the span then plays its own clips, uncropped); every other screen as it was.
   */
  public Layout withScreenMedia(java.util.Map<String, List<String>> media) {
    List<Screen> changed =
        screens.stream()
            .map(
                s ->
                    media.containsKey(s.name())
                        ? new Screen(
                            s.name(),
                            s.host(),
                            s.address(),
                            s.output(),
                            s.window(),
                            s.region(),
                            media.get(s.name()),
                            s.audio(),
                            s.playerArgs(),
                            s.latencyMs(),
                            s.board())
                        : s)
            .toList();
    return new Layout(
        version,
        name,
        loops,
        player,
        mediaRoot,
        network,
        sync,
        loopMode,
        unevenItems,
        wall,
        span,
        changed,
        schedule,
        control,
        alerts,
        playFrom);
  }

  /**
   * The same wall with the span playing {@code media} instead, each screen of it still cropping its
   * region; the same layout when it has no span.
   */
  public Layout withSpanMedia(List<String> media) {
    if (span == null) {
      return this;
    }
    return new Layout(
        version,
        name,
        loops,
        player,
        mediaRoot,
        network,
        sync,
        loopMode,
        unevenItems,
        wall,
        new Span(media),
        screens,
        schedule,
        control,
        alerts,
        playFrom);
  }

  public Screen screen(int rank) {
    return screens.get(rank);
  }

  /**
   * This screen's playlist as the layout names it, relative to mediaRoot: its own, or the span's.
   */
  public List<String> playlist(Screen screen) {
    return screen.showsSpan() ? span.media() : screen.media();
  }

  /**
   * Every clip this screen plays, in playlist order, as absolute paths under mediaRoot: what its
   * node must have. One item for a screen with one clip; a clip may appear more than once.
   */
  public List<Path> clips(Screen screen) {
    Path root = Path.of(mediaRoot);
    return playlist(screen).stream().map(media -> MediaPaths.resolve(root, media)).toList();
  }

  /** Items in one loop: every screen has as many (the validator sees to it). */
  public int items() {
    return screens.isEmpty() ? 0 : playlist(screens.get(0)).size();
  }

  /** Whether the wall plays a sequence rather than one clip per screen. */
  public boolean hasPlaylist() {
    return items() > 1;
  }

  /**
   * The screen whose clock the wall keeps, never trimming its rate: {@code sync.reference}, else
   * the one screen with sound; empty on a silent wall, which keeps its median screen's time.
   */
  public OptionalInt clockScreen() {
    return clockScreen(screens, sync);
  }

  /** {@link #clockScreen()} of these screens and sync settings. */
  public static OptionalInt clockScreen(List<Screen> screens, SyncSettings sync) {
    if (sync.reference() != null) {
      return IntStream.range(0, screens.size())
          .filter(i -> screens.get(i).name().equals(sync.reference()))
          .findFirst();
    }
    int[] audio =
        IntStream.range(0, screens.size()).filter(i -> screens.get(i).hasAudio()).toArray();
    return audio.length == 1 ? OptionalInt.of(audio[0]) : OptionalInt.empty();
  }

  /** Opening hours, if the wall has them; without, it plays whenever it is started. */
  public Optional<Schedule> scheduleIfSet() {
    return Optional.ofNullable(schedule);
  }

  /** Show control, if the layout turns any of it on. */
  public Optional<Control> controlIfSet() {
    return Optional.ofNullable(control);
  }

  /** Alerts, if the layout names where they go. */
  public Optional<Alerts> alertsIfSet() {
    return Optional.ofNullable(alerts);
  }

  public Optional<Network> networkIfSet() {
    return Optional.ofNullable(network);
  }

  public List<String> hosts() {
    return screens.stream().map(Screen::host).distinct().toList();
  }
}
