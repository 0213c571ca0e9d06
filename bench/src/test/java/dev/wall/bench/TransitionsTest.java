package dev.wall.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reading one playlist transition from a stream of screenshots: [nanos, place in the loop or -1].
 */
class TransitionsTest {
  private static List<long[]> readings(int... frames) {
    List<long[]> readings = new ArrayList<>();
    for (int i = 0; i < frames.length; i++) {
      readings.add(new long[] {i * 10_000_000L, frames[i]});
    }
    return readings;
  }

  @Test
  void aSeamlessTransitionShowsEachFrameForAFrame() {
    Transitions.Seen seen = Transitions.seen(readings(58, 58, 58, 59, 59, 59, 60, 60, 60, 61), 60);
    assertEquals(new Transitions.Seen(30, 0, 30), seen);
  }

  @Test
  void aHeldLastFrameAndABlackGapAreCounted() {
    Transitions.Seen seen =
        Transitions.seen(readings(58, 59, 59, 59, 59, 59, -1, -1, 60, 60, 60, 60, 61), 60);
    assertEquals(new Transitions.Seen(50, 2, 40), seen);
  }
}
