package dev.wall.player.status;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.Screen;
import dev.wall.core.schedule.OpeningHours;
import dev.wall.core.schedule.ScheduleClock;
import dev.wall.core.sync.ScreenState;
import dev.wall.player.wire.WallState;
import dev.wall.player.wire.WallStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The status page's view of the wall, read from the same {@link WallState} as the status file
 * ({@code StatusBoard}): what the controller's job is doing and rank 0's last control round, with
 * the opening hours' next change beside it. Thread-safe: the page's threads read, nothing here is
 * written but the thumbnail source.
 */
public final class LiveStatus implements StatusSource {
  private final Layout layout;
  private final Optional<OpeningHours> hours;
  private final ScheduleClock clock;
  private final Supplier<WallState> board;
  private volatile IntFunction<Optional<byte[]>> thumbnails = rank -> Optional.empty();
  private volatile SkewHistory skew;

  /**
   * @param board the wall's state now, as the status file holds it
   */
  public LiveStatus(
      Layout layout, Optional<OpeningHours> hours, ScheduleClock clock, Supplier<WallState> board) {
    this.layout = layout;
    this.hours = hours;
    this.clock = clock;
    this.board = board;
  }

  public void thumbnails(IntFunction<Optional<byte[]>> source) {
    thumbnails = source;
  }

  /** Where the page's skew plots come from; none until this is called. */
  public void skew(SkewHistory history) {
    skew = history;
  }

  @Override
  public StatusView now() {
    WallState state = board.get();
    WallStatus round = state.wall().phase() == WallState.Phase.PLAYING ? state.status() : null;
    String tile = state.wall().phase() == WallState.Phase.OFF ? ScreenView.OFF : ScreenView.STOPPED;
    String label = label(state.wall());
    List<ScreenView> screens = new ArrayList<>();
    for (int rank = 0; rank < layout.screens().size(); rank++) {
      Screen screen = layout.screen(rank);
      if (round != null && rank < round.screens().size()) {
        screens.add(view(round.screens().get(rank), round));
      } else {
        screens.add(
            new ScreenView(
                screen.name(), screen.host(), tile, label, null, null, null, null, null));
      }
    }
    String schedule = hours.map(h -> h.nextChangeLabel(clock.now())).orElse(null);
    SkewHistory history = skew;
    return new StatusView(
        layout,
        clock.now(),
        round != null ? round.line() : label,
        schedule,
        screens,
        history == null ? List.of() : history.traces());
  }

  /** The wall's phase as one line, for a wall with no control round to show. */
  private static String label(WallState.Wall wall) {
    return switch (wall.phase()) {
      case STARTING -> "starting";
      case PLAYING -> "playing";
      case RESTARTING -> "restarting: " + wall.lastRestartCause();
      case WAITING_FOR_NODES ->
          "waiting for every node to answer: " + String.join("; ", wall.waitingFor());
      case OFF -> wall.offLabel() == null ? "off (schedule)" : wall.offLabel();
      case STOPPED -> "stopped";
    };
  }

  /** A screen as rank 0 reported it. A screen that is not playing has no loop, skew or rate. */
  private static ScreenView view(WallStatus.Screen screen, WallStatus wall) {
    boolean playing = screen.state() == ScreenState.PLAYING;
    String state =
        switch (screen.state()) {
          case PLAYING -> ScreenView.PLAYING;
          case RECOVERING -> ScreenView.RECOVERING;
          case GIVEN_UP -> ScreenView.GIVEN_UP;
          case STOPPED -> ScreenView.STOPPED;
        };
    return new ScreenView(
        screen.name(),
        screen.host(),
        state,
        screen.stateLabel(),
        playing ? Integer.valueOf(wall.loop()) : null,
        screen.skewFrames(wall.frameRate()),
        playing ? Double.valueOf(screen.rate()) : null,
        screen.restarts(),
        screen.lastError() == null
            ? null
            : screen.lastError()
                + (screen.lastErrorAt() == null ? "" : " (" + screen.lastErrorAt() + ")"));
  }

  @Override
  public Optional<byte[]> thumbnail(int rank) {
    WallState state = board.get();
    WallStatus round = state.wall().phase() == WallState.Phase.PLAYING ? state.status() : null;
    if (round == null
        || rank >= round.screens().size()
        || round.screens().get(rank).state() != ScreenState.PLAYING) {
      return Optional.empty();
    }
    return thumbnails.apply(rank);
  }
}
