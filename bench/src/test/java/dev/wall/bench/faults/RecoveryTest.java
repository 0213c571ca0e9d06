package dev.wall.bench.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.bench.analysis.Sample;
import dev.wall.bench.code.TileReading;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryTest {
  private static final long S = 1_000_000_000L;
  private static final int FRAMES = 600;

  /** Four screens at 30 fps, sampled every 100 ms; screen 1 as {@code second} says. */
  private static List<Sample> wall(
      double seconds, java.util.function.BiFunction<Double, Integer, TileReading> second) {
    List<Sample> samples = new ArrayList<>();
    for (int step = 0; step < seconds * 10; step++) {
      double t = step / 10.0;
      int frame = (int) Math.round(t * 30) % FRAMES;
      samples.add(
          new Sample(
              (long) (t * S),
              List.of(
                  TileReading.decoded(frame, false),
                  second.apply(t, frame),
                  TileReading.decoded(frame, false),
                  TileReading.decoded(frame, false))));
    }
    return samples;
  }

  @Test
  void aScreenThatWentBlankAndCameBackIsTimedFromTheFault() {
    List<Sample> samples =
        wall(
            20,
            (t, frame) ->
                t >= 5 && t < 7.5
                    ? TileReading.blank()
                    : t >= 7.5 && t < 9
                        ? TileReading.decoded(frame + 2, false)
                        : TileReading.decoded(frame, false));
    Recovery recovery = Recovery.judge(samples, 1, 5 * S, 10, FRAMES);
    assertEquals(2.5, recovery.backSeconds(), 0.06, "back (within 3 frames) at 7.5 s");
    assertEquals(4.0, recovery.inStepSeconds(), 0.06, "within one frame from 9 s");
    assertEquals(0, recovery.othersBlank());
    assertEquals(0, recovery.worstSpreadLate());
    assertTrue(recovery.lateSamples() > 40);
  }

  @Test
  void aFrozenFrameIsNotBackAndAScreenThatNeverCameBackIsNaN() {
    List<Sample> samples =
        wall(
            20,
            (t, frame) ->
                t >= 5 ? TileReading.decoded(150, false) : TileReading.decoded(frame, false));
    Recovery recovery = Recovery.judge(samples, 1, 5 * S, 10, FRAMES);
    assertTrue(Double.isNaN(recovery.backSeconds()));
    assertTrue(Double.isNaN(recovery.inStepSeconds()));
    assertTrue(recovery.worstSpreadLate() > 1);
  }
}
