package dev.wall.player.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A screen falls behind on a run of dropped frames, not on one hiccup, and does not flap. */
class DecoderWatchTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void oneHiccupIsNotFallingBehind() {
    DecoderWatch watch = new DecoderWatch();
    assertFalse(watch.observe(0, 0));
    assertFalse(watch.observe(2, SECOND));
    assertFalse(watch.observe(2, 2 * SECOND));
    // Two more, but the first two are out of the window by then.
    assertFalse(watch.observe(4, 8 * SECOND));
    assertFalse(watch.behind());
    assertEquals(4, watch.total());
  }

  @Test
  void aRunOfDropsIsFallingBehindAndCalmIsKeepingUpAgain() {
    DecoderWatch watch = new DecoderWatch();
    watch.observe(0, 0);
    watch.observe(1, SECOND);
    assertTrue(watch.observe(5, 2 * SECOND), "the change is news");
    assertTrue(watch.behind());
    assertFalse(watch.observe(6, 3 * SECOND), "still behind is no news");
    assertFalse(watch.observe(6, 20 * SECOND), "not calm for long enough yet");
    assertTrue(watch.observe(6, 34 * SECOND));
    assertFalse(watch.behind());
  }

  @Test
  void eachLoopCountsItsOwnDrops() {
    DecoderWatch watch = new DecoderWatch();
    watch.observe(7, SECOND);
    assertEquals(7, watch.finishLoop());
    watch.observe(9, 2 * SECOND);
    assertEquals(2, watch.finishLoop());
    assertEquals(0, watch.finishLoop());
  }

  @Test
  void aLoopInWhichTheScreenWasBehindAtAnyRoundIsABehindLoop() {
    DecoderWatch watch = new DecoderWatch();
    watch.observe(0, 0);
    assertFalse(watch.behindInLoop());
    watch.observe(5, SECOND);
    watch.observe(5, 40 * SECOND);
    assertFalse(watch.behind(), "kept up again within the loop");
    assertTrue(watch.behindInLoop(), "but it was behind in it");
    watch.finishLoop();
    assertFalse(watch.behindInLoop(), "a loop that begins keeping up");

    watch.observe(9, 41 * SECOND);
    watch.finishLoop();
    assertTrue(watch.behindInLoop(), "a loop that begins behind is behind");
  }

  @Test
  void aCountThatStartsOverIsNotANegativeLoop() {
    DecoderWatch watch = new DecoderWatch();
    watch.observe(50, SECOND);
    watch.finishLoop();
    watch.observe(3, 2 * SECOND);
    assertEquals(3, watch.finishLoop());
  }
}
