package dev.wall.player.control.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wall.core.sync.ScreenState;
import dev.wall.player.wire.WallEvent;
import dev.wall.player.wire.WallStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One alert and one "resolved" per fault, and nothing while the schedule has the wall off. */
class AlertRulesTest {
  /** A clock the test moves. */
  static final class MovingClock extends Clock {
    Instant now = Instant.parse("2026-03-30T08:00:00Z");

    void pass(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private final MovingClock clock = new MovingClock();
  private final List<String> told = new ArrayList<>();

  private AlertRules rules(boolean scheduled) {
    return new AlertRules(
        Duration.ofSeconds(30),
        2,
        scheduled,
        clock,
        alert -> told.add((alert.raised() ? "raised " : "resolved ") + alert.key()));
  }

  private static WallEvent event(WallEvent.Kind kind, String... pairs) {
    java.util.Map<String, String> facts = new java.util.LinkedHashMap<>();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      facts.put(pairs[i], pairs[i + 1]);
    }
    return WallEvent.of(kind, Instant.now(), facts);
  }

  static WallStatus round(double skewMillis, ScreenState... states) {
    List<WallStatus.Screen> screens = new ArrayList<>();
    for (int i = 0; i < states.length; i++) {
      boolean playing = states[i] == ScreenState.PLAYING;
      screens.add(
          new WallStatus.Screen(
              "s" + i,
              "rpi" + i,
              states[i],
              playing ? 1.0 : null,
              playing ? 0.0 : null,
              1,
              0,
              null,
              null));
    }
    return new WallStatus(1, 0, 1, skewMillis, 30, screens);
  }

  @Test
  void aScreenGivenUpWhileOpenIsOneAlertAndOneResolved() {
    AlertRules rules = rules(true);
    rules.publish(event(WallEvent.Kind.SCHEDULE_ON));
    rules.publish(
        event(WallEvent.Kind.SCREEN_GIVEN_UP, "screen", "s1", "host", "rpi1", "cause", "x"));
    rules.publish(event(WallEvent.Kind.SCREEN_GIVEN_UP, "screen", "s1", "host", "rpi1")); // again
    rules.publish(event(WallEvent.Kind.SCREEN_BACK, "screen", "s1", "host", "rpi1"));
    rules.publish(event(WallEvent.Kind.SCREEN_BACK, "screen", "s1", "host", "rpi1"));
    assertEquals(List.of("raised screen-given-up:s1", "resolved screen-given-up:s1"), told);
  }

  @Test
  void theSameFaultsWhileTheScheduleHasTheWallOffRaiseNothing() {
    AlertRules rules = rules(true); // a scheduled wall is off until the schedule says on
    rules.publish(event(WallEvent.Kind.SCREEN_GIVEN_UP, "screen", "s1", "host", "rpi1"));
    rules.publish(event(WallEvent.Kind.NODE_LOST, "hosts", "rpi2", "cause", "gone"));
    clock.pass(Duration.ofHours(1));
    rules.tick();
    rules.publish(event(WallEvent.Kind.SCHEDULE_ON));
    rules.publish(event(WallEvent.Kind.SCHEDULE_OFF));
    rules.publish(event(WallEvent.Kind.SCREEN_GIVEN_UP, "screen", "s1", "host", "rpi1"));
    clock.pass(Duration.ofHours(1));
    rules.tick();
    assertEquals(List.of(), told);
  }

  @Test
  void aWallNotPlayingWhileOpenIsToldAfterItsSecondsAndResolvedWhenItPlays() {
    AlertRules rules = rules(false);
    rules.accept(round(0, ScreenState.PLAYING));
    clock.pass(Duration.ofSeconds(29));
    rules.tick();
    assertEquals(List.of(), told);
    clock.pass(Duration.ofSeconds(2));
    rules.tick();
    rules.tick();
    rules.accept(round(0, ScreenState.RECOVERING)); // rounds without a playing screen
    assertEquals(List.of("raised not-playing:wall"), told);
    rules.accept(round(0, ScreenState.PLAYING));
    assertEquals(List.of("raised not-playing:wall", "resolved not-playing:wall"), told);
  }

  @Test
  void aNodeLostIsResolvedWhenItsScreensPlayAgain() {
    AlertRules rules = rules(false);
    rules.publish(
        event(WallEvent.Kind.NODE_LOST, "hosts", "rpi1", "cause", "rpi1 stopped answering"));
    rules.accept(round(0, ScreenState.PLAYING, ScreenState.RECOVERING));
    rules.accept(round(0, ScreenState.PLAYING, ScreenState.PLAYING));
    assertEquals(List.of("raised node-lost:rpi1", "resolved node-lost:rpi1"), told);
  }

  @Test
  void skewAboveTheThresholdForAMinuteIsOneAlert() {
    AlertRules rules = rules(false);
    double threeFrames = 100; // ms, at 30 fps
    for (int s = 0; s < 59; s++) {
      rules.accept(round(threeFrames, ScreenState.PLAYING));
      clock.pass(Duration.ofSeconds(1));
    }
    assertEquals(List.of(), told);
    clock.pass(Duration.ofSeconds(1));
    rules.accept(round(threeFrames, ScreenState.PLAYING));
    rules.accept(round(threeFrames, ScreenState.PLAYING));
    rules.accept(round(10, ScreenState.PLAYING));
    assertEquals(List.of("raised skew:wall", "resolved skew:wall"), told);
  }

  @Test
  void theClosingResolvesWhatTheWallDoesOnPurpose() {
    AlertRules rules = rules(true);
    rules.publish(event(WallEvent.Kind.SCHEDULE_ON));
    clock.pass(Duration.ofSeconds(40));
    rules.tick();
    rules.publish(event(WallEvent.Kind.SCHEDULE_OFF, "label", "off (schedule, opens Mon 09:30)"));
    assertEquals(List.of("raised not-playing:wall", "resolved not-playing:wall"), told);
  }
}
