package dev.wall.bench.sampling;

import java.util.Arrays;
import java.util.List;

/**
 * How steadily a sampler delivered screenshots.
 *
 * @param captures screenshots delivered
 * @param perSecond captures per second, first to last
 * @param medianIntervalMs median gap between two captures
 * @param p95IntervalMs 95th percentile gap
 * @param maxIntervalMs the longest gap
 * @param meanUncertaintyMs how far off, on average, a capture's time may be (the grab instant is
 *     only known to lie within it)
 */
public record SamplingStats(
    int captures,
    double perSecond,
    double medianIntervalMs,
    double p95IntervalMs,
    double maxIntervalMs,
    double meanUncertaintyMs) {

  /** When each capture came: its time and uncertainty, without its picture. */
  public record CaptureTime(long nanos, long uncertaintyNanos) {}

  public static SamplingStats of(List<CaptureTime> captures) {
    if (captures.size() < 2) {
      return new SamplingStats(captures.size(), 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double[] gaps = new double[captures.size() - 1];
    for (int i = 1; i < captures.size(); i++) {
      gaps[i - 1] = (captures.get(i).nanos() - captures.get(i - 1).nanos()) / 1e6;
    }
    Arrays.sort(gaps);
    double seconds = (captures.get(captures.size() - 1).nanos() - captures.get(0).nanos()) / 1e9;
    double uncertainty =
        captures.stream().mapToLong(CaptureTime::uncertaintyNanos).average().orElse(0) / 1e6;
    return new SamplingStats(
        captures.size(),
        (captures.size() - 1) / seconds,
        percentile(gaps, 0.5),
        percentile(gaps, 0.95),
        gaps[gaps.length - 1],
        uncertainty);
  }

  private static double percentile(double[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  }
}
