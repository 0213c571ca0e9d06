package dev.wall.player.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wall.core.sync.ScreenState;
import dev.wall.player.wire.WallStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The events found by comparing each control round with the one before. */
class StatusEventsTest {
  private final List<String> told = new ArrayList<>();
  private final StatusEvents events =
      new StatusEvents(
          event -> told.add(event.kind().wireName() + " " + event.facts()),
          Clock.systemUTC(),
          true);

  private static WallStatus round(int loop, int item, ScreenState right) {
    return new WallStatus(
        loop,
        0,
        1,
        0,
        30,
        List.of(
            new WallStatus.Screen("left", "rpi1", ScreenState.PLAYING, 1.0, 0.0, 1, 0, null, null),
            new WallStatus.Screen(
                "right", "rpi2", right, null, null, 1, 1, "mpv was killed", null)),
        item);
  }

  @Test
  void loopsItemsAndScreensAreToldOnceEach() {
    events.accept(round(1, 1, ScreenState.PLAYING));
    events.accept(round(1, 1, ScreenState.PLAYING));
    events.accept(round(1, 2, ScreenState.RECOVERING));
    events.accept(round(1, 2, ScreenState.GIVEN_UP));
    events.accept(round(2, 1, ScreenState.PLAYING));
    events.newRun();
    events.accept(round(1, 1, ScreenState.PLAYING));
    assertEquals(
        List.of(
            "loop-started {loop=1, loops=forever}",
            "item-changed {loop=1, item=1}",
            "item-changed {loop=1, item=2}",
            "screen-recovering {screen=right, host=rpi2, loop=1, restarts=1, cause=mpv was killed}",
            "screen-given-up {screen=right, host=rpi2, loop=1, restarts=1, cause=mpv was killed}",
            "loop-started {loop=2, loops=forever}",
            "item-changed {loop=2, item=1}",
            "screen-back {screen=right, host=rpi2, loop=2, restarts=1}",
            "loop-started {loop=1, loops=forever}",
            "item-changed {loop=1, item=1}"),
        told);
  }

  @Test
  void aPlayerReplacedBetweenTwoRoundsIsToldAsRecoveringThenBack() {
    events.accept(round(1, 1, ScreenState.PLAYING));
    told.clear();
    WallStatus replaced =
        new WallStatus(
            1,
            0,
            2,
            0,
            30,
            List.of(
                new WallStatus.Screen(
                    "left", "rpi1", ScreenState.PLAYING, 2.0, 0.0, 1, 0, null, null),
                new WallStatus.Screen(
                    "right", "rpi2", ScreenState.PLAYING, 2.0, 0.0, 1, 2, "mpv was killed", null)),
            1);
    events.accept(replaced);
    events.accept(replaced);
    assertEquals(
        List.of(
            "screen-recovering {screen=right, host=rpi2, loop=1, restarts=2, cause=mpv was killed}",
            "screen-back {screen=right, host=rpi2, loop=1, restarts=2}"),
        told);
  }
}
