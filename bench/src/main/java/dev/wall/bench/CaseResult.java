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
 */
public record CaseResult(BenchCase benchCase, SyncFigures sync, SamplingStats sampling, long rankPeakKb,
    long playerPeakKb, int seeks, double loadBefore, double loadAfter, List<String> notes, String failure) {

  public double rankPeakMb() {
    return rankPeakKb / 1024.0;
  }

  public double playerPeakMb() {
    return playerPeakKb / 1024.0;
  }
}
