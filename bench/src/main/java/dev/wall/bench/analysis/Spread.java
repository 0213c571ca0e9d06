package dev.wall.bench.analysis;

import java.util.Arrays;

/** How far apart screens are, in frames, on a looping clip. */
public final class Spread {
  private Spread() {}

  /**
   * Max minus min frame across screens, measured the short way round the loop: the smallest arc of
   * a {@code clipFrames}-frame loop that holds every frame. At a seam, frames 599 and 0 of a
   * 600-frame clip are 1 apart, not 599.
   *
   * @param clipFrames frames in one loop; 0 or less means no wrap (plain max - min)
   */
  public static int circular(int[] frames, int clipFrames) {
    if (frames.length < 2) {
      return 0;
    }
    if (clipFrames <= 0) {
      return Arrays.stream(frames).max().getAsInt() - Arrays.stream(frames).min().getAsInt();
    }
    int[] sorted = Arrays.stream(frames).map(f -> Math.floorMod(f, clipFrames)).sorted().toArray();
    int largestGap = sorted[0] + clipFrames - sorted[sorted.length - 1];
    for (int i = 1; i < sorted.length; i++) {
      largestGap = Math.max(largestGap, sorted[i] - sorted[i - 1]);
    }
    return clipFrames - largestGap;
  }

  /**
   * Signed distance from {@code from} to {@code to} the short way round: -1 from 0 to 599 on 600.
   */
  public static int circularDelta(int from, int to, int clipFrames) {
    int d = Math.floorMod(to - from, clipFrames);
    return d > clipFrames / 2 ? d - clipFrames : d;
  }

  /** The median; the mean of the two middle values for an even count; NaN when empty. */
  public static double median(int[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    int[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
  }
}
