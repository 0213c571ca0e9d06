package dev.wall.bench;

import dev.wall.bench.analysis.SyncFigures;
import dev.wall.bench.sampling.SamplingStats;
import java.util.List;

/**
 * One case's figures.
 *
 * @param benchCase the case
 * @param sync what the screenshots say
 * @param sampling how steadily they came
 * @param rankPeakKb the largest VmHWM of any rank JVM
 * @param playerPeakKb the largest VmHWM of any mpv
 * @param seeks seeks the runtime made (its --report), or -1 where there is no report (the seed)
 * @param loadBefore the 1-minute load average when the case began (the machine is shared)
 * @param loadAfter the same when it ended
 * @param notes what else was seen (clock check, rates, faketime, stray failures)
 * @param failure why the case could not be measured, or null
 * @param show the figures of a show's own features: transitions, a latency screen's lead, the
 *     runtime's report; null for the seed
 */
public record CaseResult(BenchCase benchCase, SyncFigures sync, SamplingStats sampling, long rankPeakKb,
    long playerPeakKb, int seeks, double loadBefore, double loadAfter, List<String> notes, String failure,
    ShowFigures show) {

  public CaseResult(BenchCase benchCase, SyncFigures sync, SamplingStats sampling, long rankPeakKb,
      long playerPeakKb, int seeks, double loadBefore, double loadAfter, List<String> notes, String failure) {
    this(benchCase, sync, sampling, rankPeakKb, playerPeakKb, seeks, loadBefore, loadAfter, notes, failure, null);
  }

  /**
   * @param transitions screenshots at playlist transitions (the loop seam counts as one)
   * @param leadFrames how far ahead of the median of the others the latency screen ran, median
   *     over screenshots with every tile read; NaN without a latency screen
   * @param leadCounts screenshots per lead, in frames
   * @param report what {@code wall play --report} wrote
   */
  public record ShowFigures(dev.wall.bench.analysis.SyncAnalysis.TransitionFigures transitions, double leadFrames,
      java.util.SortedMap<Integer, Integer> leadCounts, dev.wall.bench.wall.WallReport report) {}

  public double rankPeakMb() {
    return rankPeakKb / 1024.0;
  }

  public double playerPeakMb() {
    return playerPeakKb / 1024.0;
  }
}
