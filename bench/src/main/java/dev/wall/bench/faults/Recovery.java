package dev.wall.bench.faults;

import dev.wall.bench.analysis.Sample;
import dev.wall.bench.analysis.Spread;
import dev.wall.bench.code.TileReading;
import java.util.Arrays;
import java.util.List;

/**
 * How one screen came back after a fault, judged from screenshots as the pixel benchmark judges
 * sync: each tile's frame number read from its bar code.
 *
 * @param backSeconds from the fault to the first screenshot where the screen showed the wall's
 *     frame again (within {@link #BACK_FRAMES} of the others' median), after it had lost it; NaN if
 *     never
 * @param inStepSeconds from the fault to the screenshot from which on every screen was within one
 *     frame of the others, up to the end of the judged window; NaN if never
 * @param othersBlank screenshots in which another screen was blank between the fault and the end
 * @param worstSpreadLate the largest spread of all screens in the screenshots taken from {@code
 *     lateFromSeconds} after the fault on (-1 if a screen was unreadable there)
 * @param lateSamples how many screenshots that was
 */
public record Recovery(
    double backSeconds,
    double inStepSeconds,
    int othersBlank,
    int worstSpreadLate,
    int lateSamples) {
  /**
   * A screen this close to the others shows the wall's picture: a new player, not frame 0 or a
   * frozen one.
   */
  public static final int BACK_FRAMES = 3;

  /**
   * Judges screen {@code screen} in {@code samples} after a fault at {@code faultNanos}.
   *
   * @param lateFromSeconds from when after the fault every screen must be within one frame
   * @param clipFrames frames in one loop of the clips, for spreads the short way round
   */
  public static Recovery judge(
      List<Sample> samples, int screen, long faultNanos, double lateFromSeconds, int clipFrames) {
    List<Sample> after = samples.stream().filter(s -> s.nanos() >= faultNanos).toList();
    long lostAt = -1;
    long backAt = -1;
    int othersBlank = 0;
    for (Sample sample : after) {
      boolean showsWall = showsWall(sample, screen, clipFrames);
      if (lostAt < 0 && !showsWall) {
        lostAt = sample.nanos();
      } else if (lostAt >= 0 && backAt < 0 && showsWall) {
        backAt = sample.nanos();
      }
      for (int i = 0; i < sample.tiles().size(); i++) {
        if (i != screen && sample.tiles().get(i).status() == TileReading.Status.BLANK) {
          othersBlank++;
          break;
        }
      }
    }
    if (lostAt < 0 && !after.isEmpty()) {
      backAt = after.get(0).nanos(); // never seen away: back at once
    }
    long inStepFrom = -1;
    for (Sample sample : after) {
      boolean inStep = sample.allDecoded() && sample.spread(clipFrames) <= 1;
      if (!inStep) {
        inStepFrom = -1;
      } else if (inStepFrom < 0 && (backAt >= 0 && sample.nanos() >= backAt)) {
        inStepFrom = sample.nanos();
      }
    }
    long lateFrom = faultNanos + (long) (lateFromSeconds * 1e9);
    List<Sample> late = after.stream().filter(s -> s.nanos() >= lateFrom).toList();
    int worst = 0;
    for (Sample sample : late) {
      worst = sample.allDecoded() ? Math.max(worst, sample.spread(clipFrames)) : -1;
      if (worst < 0) {
        break;
      }
    }
    return new Recovery(
        seconds(backAt, faultNanos),
        seconds(inStepFrom, faultNanos),
        othersBlank,
        worst,
        late.size());
  }

  /** The screen's tile reads a frame within {@link #BACK_FRAMES} of the median of the others'. */
  static boolean showsWall(Sample sample, int screen, int clipFrames) {
    TileReading own = sample.tiles().get(screen);
    if (!own.isDecoded()) {
      return false;
    }
    int[] others = new int[sample.tiles().size() - 1];
    int n = 0;
    for (int i = 0; i < sample.tiles().size(); i++) {
      TileReading tile = sample.tiles().get(i);
      if (i != screen && tile.isDecoded()) {
        others[n++] = Spread.circularDelta(own.frame(), tile.frame(), clipFrames);
      }
    }
    if (n == 0) {
      return true;
    }
    double median = Spread.median(Arrays.copyOf(others, n));
    return Math.abs(median) <= BACK_FRAMES;
  }

  private static double seconds(long at, long from) {
    return at < 0 ? Double.NaN : (at - from) / 1e9;
  }
}
