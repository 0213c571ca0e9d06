package dev.wall.player.status;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.Screen;
import dev.wall.core.schedule.OpeningHours;
import dev.wall.core.schedule.ScheduleClock;
import dev.wall.core.sync.ScreenState;
import dev.wall.player.wire.WallStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The controller's view of its wall, kept up to date as things happen (the job starts and ends,
 * rank 0 reports a round, the schedule turns the wall off), and read by the status page.
 * Thread-safe: writers are the controller's threads, readers the page's.
 */
public final class LiveStatus implements StatusSource {
  private final Layout layout;
  private final Optional<OpeningHours> hours;
  private final ScheduleClock clock;
  private IntFunction<Optional<byte[]>> thumbnails = rank -> Optional.empty();
  private String state = ScreenView.STOPPED;
  private String label = "stopped";
  private String headline = "starting";
  private Integer loop;
  private WallStatus round;

  public LiveStatus(Layout layout, Optional<OpeningHours> hours, ScheduleClock clock) {
    this.layout = layout;
    this.hours = hours;
    this.clock = clock;
  }

  /** Rank 0's last control round: every screen's state and figures. */
  public synchronized void round(WallStatus status) {
    playing(status.line());
    round = status;
  }

  /** The wall's job is running: every screen plays. */
  public synchronized void playing(String line) {
    state = ScreenView.PLAYING;
    label = "playing";
    headline = line;
    round = null;
    java.util.regex.Matcher m = LOOP.matcher(line);
    loop = m.find() ? Integer.valueOf(m.group(1)) : null;
  }

  /** Rank 0's round line starts {@code loop 3/forever at ...}: every screen plays that loop, in lockstep. */
  private static final java.util.regex.Pattern LOOP = java.util.regex.Pattern.compile("^loop (\\d+)/");

  /** The schedule turned the wall off: not a failure. */
  public synchronized void off(String offLabel) {
    state = ScreenView.OFF;
    label = offLabel;
    headline = offLabel;
    loop = null;
    round = null;
  }

  /** The wall's job ended (or has not started). */
  public synchronized void stopped(String why) {
    state = ScreenView.STOPPED;
    label = "stopped";
    headline = why;
    loop = null;
    round = null;
  }

  public synchronized void thumbnails(IntFunction<Optional<byte[]>> source) {
    thumbnails = source;
  }

  @Override
  public synchronized StatusView now() {
    List<ScreenView> screens = new ArrayList<>();
    for (int rank = 0; rank < layout.screens().size(); rank++) {
      Screen screen = layout.screen(rank);
      if (round != null && rank < round.screens().size()) {
        screens.add(view(round.screens().get(rank), round));
      } else {
        screens.add(new ScreenView(screen.name(), screen.host(), state, label, loop, null, null, null, null));
      }
    }
    String schedule = hours.map(h -> h.nextChangeLabel(clock.now())).orElse(null);
    return new StatusView(layout, clock.now(), headline, schedule, screens);
  }

  /** A screen as rank 0 reported it. A screen that is not playing has no loop, skew or rate. */
  private static ScreenView view(WallStatus.Screen screen, WallStatus wall) {
    boolean playing = screen.state() == ScreenState.PLAYING;
    String state = switch (screen.state()) {
      case PLAYING -> ScreenView.PLAYING;
      case RECOVERING -> ScreenView.RECOVERING;
      case GIVEN_UP -> ScreenView.GIVEN_UP;
      case STOPPED -> ScreenView.STOPPED;
    };
    return new ScreenView(screen.name(), screen.host(), state, screen.state().label(),
        playing ? Integer.valueOf(wall.loop()) : null, screen.skewFrames(wall.frameRate()),
        playing ? Double.valueOf(screen.rate()) : null, screen.restarts(),
        screen.lastError() == null ? null : screen.lastError()
            + (screen.lastErrorAt() == null ? "" : " (" + screen.lastErrorAt() + ")"));
  }

  @Override
  public Optional<byte[]> thumbnail(int rank) {
    IntFunction<Optional<byte[]>> source;
    synchronized (this) {
      boolean shown = round != null && rank < round.screens().size()
          ? round.screens().get(rank).state() == ScreenState.PLAYING : state.equals(ScreenView.PLAYING);
      if (!shown) {
        return Optional.empty();
      }
      source = thumbnails;
    }
    return source.apply(rank);
  }
}
