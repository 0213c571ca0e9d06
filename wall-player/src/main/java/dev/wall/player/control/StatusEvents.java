package dev.wall.player.control;

import dev.wall.core.sync.ScreenState;
import dev.wall.player.wire.WallEvent;
import dev.wall.player.wire.WallStatus;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The events rank 0's control rounds tell, found by comparing each round with the one before: a
 * loop started (the first round of a run, or a new loop number), the playlist item changed, a
 * screen recovering, given up, or back. Rounds come about once a second, so each is told within
 * about a second of happening.
 */
public final class StatusEvents implements Consumer<WallStatus> {
  private final WallEvents events;
  private final Clock clock;
  private final boolean playlist;
  private final Map<String, ScreenState> states = new HashMap<>();
  private final Map<String, Integer> restarts = new HashMap<>();
  private int loop = -1;
  private int item = -1;

  /**
   * @param playlist whether the wall plays a playlist (only then are item changes told)
   */
  public StatusEvents(WallEvents events, Clock clock, boolean playlist) {
    this.events = events;
    this.clock = clock;
    this.playlist = playlist;
  }

  /** A new run of the wall's job begins: its first round starts a loop, whatever its number. */
  public synchronized void newRun() {
    loop = -1;
    item = -1;
    restarts.clear();
  }

  @Override
  public synchronized void accept(WallStatus status) {
    if (status.loop() != loop) {
      publish(
          WallEvent.Kind.LOOP_STARTED,
          "loop",
          String.valueOf(status.loop()),
          "loops",
          status.loops() == 0 ? "forever" : String.valueOf(status.loops()));
    }
    if (playlist && status.item() > 0 && (status.item() != item || status.loop() != loop)) {
      publish(
          WallEvent.Kind.ITEM_CHANGED,
          "loop",
          String.valueOf(status.loop()),
          "item",
          String.valueOf(status.item()));
    }
    loop = status.loop();
    item = status.item();
    for (WallStatus.Screen screen : status.screens()) {
      ScreenState was = states.getOrDefault(key(screen), ScreenState.PLAYING);
      ScreenState now = screen.state();
      states.put(key(screen), now);
      Integer before = restarts.put(key(screen), screen.restarts());
      if (now == ScreenState.PLAYING
          && was == ScreenState.PLAYING
          && before != null
          && screen.restarts() > before) {
        // Replaced between two rounds: it was recovering, though no round saw it.
        tell(WallEvent.Kind.SCREEN_RECOVERING, screen, status, true);
        tell(WallEvent.Kind.SCREEN_BACK, screen, status, false);
        continue;
      }
      if (now == was || now == ScreenState.STOPPED) {
        continue;
      }
      WallEvent.Kind kind =
          switch (now) {
            case RECOVERING -> WallEvent.Kind.SCREEN_RECOVERING;
            case GIVEN_UP -> WallEvent.Kind.SCREEN_GIVEN_UP;
            case PLAYING -> WallEvent.Kind.SCREEN_BACK;
            case STOPPED -> throw new AssertionError("left out above");
          };
      tell(kind, screen, status, now != ScreenState.PLAYING);
    }
  }

  private void tell(
      WallEvent.Kind kind, WallStatus.Screen screen, WallStatus status, boolean withCause) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("screen", screen.name());
    facts.put("host", screen.host());
    facts.put("loop", String.valueOf(status.loop()));
    facts.put("restarts", String.valueOf(screen.restarts()));
    if (withCause && screen.lastError() != null) {
      facts.put("cause", screen.lastError());
    }
    events.publish(WallEvent.of(kind, clock.instant(), facts));
  }

  private static String key(WallStatus.Screen screen) {
    return screen.name();
  }

  private void publish(WallEvent.Kind kind, String... pairs) {
    Map<String, String> facts = new LinkedHashMap<>();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      facts.put(pairs[i], pairs[i + 1]);
    }
    events.publish(WallEvent.of(kind, clock.instant(), facts));
  }

  /** The facts of an event as name, value pairs, for the few places that make one. */
  public static Map<String, String> facts(List<String> pairs) {
    Map<String, String> facts = new LinkedHashMap<>();
    for (int i = 0; i + 1 < pairs.size(); i += 2) {
      facts.put(pairs.get(i), pairs.get(i + 1));
    }
    return facts;
  }
}
