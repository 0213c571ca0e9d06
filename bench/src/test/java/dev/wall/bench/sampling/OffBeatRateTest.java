package dev.wall.bench.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OffBeatRateTest {
  private static final double FPS = 30;

  @Test
  void tenASecondAgainstThirtyFramesBecomesThreeAndAFractionFramesApart() {
    double rate = OffBeatRate.near(10, FPS);
    assertEquals(3 + OffBeatRate.PHASE_STEP, FPS / rate, 1e-9);
    assertEquals(8.87, rate, 0.01);
  }

  @ParameterizedTest
  @CsvSource({"1", "2.5", "7", "10", "12", "15", "29", "30", "60"})
  void theGapIsNeverAWholeNumberOfFrames(double asked) {
    double framesApart = FPS / OffBeatRate.near(asked, FPS);
    double fraction = framesApart - Math.floor(framesApart);
    assertEquals(OffBeatRate.PHASE_STEP, fraction, 1e-9, "asked " + asked);
    assertTrue(framesApart >= 1, "at most one screenshot a frame");
  }

  @ParameterizedTest
  @CsvSource({"1", "2.5", "7", "10", "12", "15"})
  void theRateStaysNearWhatWasAsked(double asked) {
    double rate = OffBeatRate.near(asked, FPS);
    double askedFrames = FPS / asked;
    assertTrue(
        Math.abs(FPS / rate - askedFrames) <= 0.5 + 1e-9, "asked " + asked + ", got " + rate);
  }

  /** The point of it: screenshots at successive steps cover every part of a frame. */
  @Test
  void aFewScreenshotsCoverEveryTenthOfAFrame() {
    double gapFrames = FPS / OffBeatRate.near(10, FPS);
    boolean[] tenths = new boolean[10];
    for (int shot = 0; shot < 20; shot++) {
      double phase = (shot * gapFrames) % 1;
      tenths[(int) (phase * 10)] = true;
    }
    for (int i = 0; i < 10; i++) {
      assertTrue(tenths[i], "tenth " + i + " of a frame was never sampled");
    }
  }

  @Test
  void refusesRatesThatAreNotPositive() {
    assertThrows(IllegalArgumentException.class, () -> OffBeatRate.near(0, FPS));
    assertThrows(IllegalArgumentException.class, () -> OffBeatRate.near(10, Double.NaN));
  }
}
