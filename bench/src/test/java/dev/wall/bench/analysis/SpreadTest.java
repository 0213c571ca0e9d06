package dev.wall.bench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SpreadTest {
  private static final int CLIP = 600;

  @Test
  void screensOnTheSameFrameHaveNoSpread() {
    assertEquals(0, Spread.circular(new int[] {42, 42, 42, 42}, CLIP));
  }

  @Test
  void spreadIsMaxMinusMinInsideTheLoop() {
    assertEquals(2, Spread.circular(new int[] {10, 12, 11, 10}, CLIP));
  }

  @Test
  void theLastAndFirstFramesAreOneApartAcrossTheSeam() {
    assertEquals(1, Spread.circular(new int[] {599, 0, 599, 0}, CLIP));
  }

  @Test
  void aSpreadAcrossTheSeamCountsFramesOnBothSides() {
    assertEquals(3, Spread.circular(new int[] {598, 599, 0, 1}, CLIP));
  }

  @Test
  void halfALoopApartIsHalfALoop() {
    assertEquals(300, Spread.circular(new int[] {0, 300}, CLIP));
  }

  @Test
  void framesBeyondTheLoopWrapIntoIt() {
    assertEquals(1, Spread.circular(new int[] {600, 599}, CLIP));
  }

  @Test
  void oneScreenOrNoneHasNoSpread() {
    assertEquals(0, Spread.circular(new int[] {5}, CLIP));
    assertEquals(0, Spread.circular(new int[] {}, CLIP));
  }

  @Test
  void withoutALoopLengthItIsPlainMaxMinusMin() {
    assertEquals(599, Spread.circular(new int[] {599, 0}, 0));
  }

  @Test
  void circularDeltaIsSignedTheShortWayRound() {
    assertEquals(1, Spread.circularDelta(599, 0, CLIP));
    assertEquals(-1, Spread.circularDelta(0, 599, CLIP));
    assertEquals(5, Spread.circularDelta(10, 15, CLIP));
    assertEquals(-5, Spread.circularDelta(15, 10, CLIP));
  }

  @Test
  void medianOfOddAndEvenCounts() {
    assertEquals(1.0, Spread.median(new int[] {3, 0, 1}));
    assertEquals(0.5, Spread.median(new int[] {0, 1, 1, 0}));
    assertEquals(0.0, Spread.median(new int[] {0, 0, 0, 1}));
    assertEquals(Double.NaN, Spread.median(new int[] {}));
  }
}
