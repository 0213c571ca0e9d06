package dev.wall.player.players.mpv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameClockTest {
  private static final double FRAME = 1 / 30.0;
  private static final long SECOND = 1_000_000_000L;

  /** Frames shown on time, their events late by 1..15 ms and now and then (not first) by 45 ms. */
  @Test
  void lateEventsDoNotPullThePositionBack() {
    FrameClock clock = new FrameClock();
    clock.restart(1.0);
    Random random = new Random(7);
    long start = 5 * SECOND;
    double worst = 0;
    for (int frame = 0; frame < 300; frame++) {
      long shown = start + (long) (frame * FRAME * SECOND);
      long delay = (long) ((frame % 17 == 8 ? 45 : 1 + random.nextInt(15)) * 1e6);
      clock.frame(frame * FRAME, shown + delay);
      long now = shown + delay + (long) (random.nextDouble() * 10e6);
      double truth = (now - start) / 1e9;
      worst = Math.max(worst, Math.abs(clock.at(now, FRAME).orElseThrow() - truth));
    }
    assertTrue(worst < 0.016, "worst error " + worst * 1000 + " ms");
  }

  @Test
  void aStalledPlayerShowsAsBehindAfterTwoFrames() {
    FrameClock clock = new FrameClock();
    clock.restart(1.0);
    for (int frame = 0; frame < 10; frame++) {
      clock.frame(frame * FRAME, (long) (frame * FRAME * SECOND));
    }
    double last = 9 * FRAME;
    assertEquals(last + 2 * FRAME, clock.at(2 * SECOND, FRAME).orElseThrow(), 1e-9);
  }

  @Test
  void theRateScalesTheTimeSinceTheFrame() {
    FrameClock clock = new FrameClock();
    clock.restart(1.01);
    clock.frame(3.0, SECOND);
    assertEquals(3.0 + 0.0101, clock.at(SECOND + 10_000_000, FRAME).orElseThrow(), 1e-9);
  }

  @Test
  void aNewRateBendsTheLineWithoutLosingIt() {
    FrameClock clock = new FrameClock();
    clock.restart(1.0);
    for (int frame = 0; frame < 10; frame++) {
      clock.frame(frame * FRAME, (long) (frame * FRAME * SECOND));
    }
    long change = (long) (10 * FRAME * SECOND) - 5_000_000;
    double before = clock.at(change, FRAME).orElseThrow();
    clock.changeRate(1.01, change, FRAME);
    assertEquals(before, clock.at(change, FRAME).orElseThrow(), 1e-9, "no step at the change");
    assertEquals(before + 0.0101, clock.at(change + 10_000_000, FRAME).orElseThrow(), 1e-9);
  }

  @Test
  void aJumpStartsANewLine() {
    FrameClock clock = new FrameClock();
    clock.restart(1.0);
    for (int frame = 0; frame < 10; frame++) {
      clock.frame(frame * FRAME, (long) (frame * FRAME * SECOND));
    }
    // Seeked back to 1.0 s, shown half a second later.
    long shown = (long) (10 * FRAME * SECOND) + SECOND / 2;
    clock.frame(1.0, shown);
    assertEquals(1.0 + 0.01, clock.at(shown + 10_000_000, FRAME).orElseThrow(), 1e-9);
  }

  /**
   * One event that came early (the next frame announced as playback resumed) must not lead the
   * line.
   */
  @Test
  void anEarlyEventDoesNotPullThePositionAhead() {
    FrameClock clock = new FrameClock();
    clock.restart(1.0);
    clock.frame(FRAME, 0); // frame 1 is shown one frame later than this
    for (int frame = 2; frame < 20; frame++) {
      clock.frame(frame * FRAME, (long) (frame * FRAME * SECOND));
    }
    long now = (long) (19.5 * FRAME * SECOND);
    assertEquals(
        19.5 * FRAME,
        clock.at(now, FRAME).orElseThrow(),
        0.003,
        "frame k is shown k frames after the start");
  }

  @Test
  void nothingIsKnownBeforeTheFirstFrame() {
    FrameClock clock = new FrameClock();
    clock.restart(1.0);
    assertTrue(clock.at(SECOND, FRAME).isEmpty());
  }
}
