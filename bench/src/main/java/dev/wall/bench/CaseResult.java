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
 * @param run which build of the wall played, and what its processes used of the CPU; null when not
 *     known
 */
public record CaseResult(
    BenchCase benchCase,
    SyncFigures sync,
    SamplingStats sampling,
    long rankPeakKb,
    long playerPeakKb,
    int seeks,
    double loadBefore,
    double loadAfter,
    List<String> notes,
    String failure,
    ShowFigures show,
    Run run) {

  public CaseResult(
      BenchCase benchCase,
      SyncFigures sync,
      SamplingStats sampling,
      long rankPeakKb,
      long playerPeakKb,
      int seeks,
      double loadBefore,
      double loadAfter,
      List<String> notes,
      String failure) {
    this(
        benchCase,
        sync,
        sampling,
        rankPeakKb,
        playerPeakKb,
        seeks,
        loadBefore,
        loadAfter,
        notes,
        failure,
        null,
        null);
  }

  /**
   * @param wall the build of wall that played ({@code --wall}, else this checkout's)
   * @param cpu the ranks' and players' CPU from start-up to the end of sampling, or null
   * @param droppedFrames frames the players dropped, as the wall's own report says, or -1 when it
   *     does not say (an older wall, the seed)
   */
  public record Run(
      dev.wall.bench.wall.WallBuild wall,
      dev.wall.bench.wall.ProcessWatch.CpuUse cpu,
      long droppedFrames) {}

  /** A short name of the build that played, for tables: its commit. */
  public String wallLabel() {
    return run == null || run.wall() == null ? "" : run.wall().commit();
  }

  /**
   * @param transitions screenshots at playlist transitions (the loop seam counts as one)
   * @param leadFrames how far ahead of the median of the others the latency screen ran, median over
   *     screenshots with every tile read; NaN without a latency screen
   * @param leadCounts screenshots per lead, in frames
   * @param report what {@code wall play --report} wrote
   */
  public record ShowFigures(
      dev.wall.bench.analysis.SyncAnalysis.TransitionFigures transitions,
      double leadFrames,
      java.util.SortedMap<Integer, Integer> leadCounts,
      dev.wall.bench.wall.WallReport report) {}

  public double rankPeakMb() {
    return rankPeakKb / 1024.0;
  }

  public double playerPeakMb() {
    return playerPeakKb / 1024.0;
  }
}
