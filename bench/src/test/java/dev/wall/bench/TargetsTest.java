package dev.wall.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.bench.analysis.SyncFigures;
import dev.wall.bench.sampling.SamplingStats;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TargetsTest {
  private static final List<BenchCase> CASES =
      BenchCase.all(Duration.ofSeconds(60), Duration.ofSeconds(120));
  private static final SamplingStats SAMPLING = new SamplingStats(600, 10, 100, 110, 150, 0);

  private static CaseResult result(
      BenchCase c,
      double startup,
      double median,
      int max,
      int blankAtSeams,
      double rankMb,
      int seeks) {
    SyncFigures sync =
        new SyncFigures(
            startup,
            600,
            60,
            600,
            median,
            max,
            new TreeMap<>(),
            0,
            0,
            0,
            3,
            30,
            blankAtSeams,
            List.of());
    return new CaseResult(
        c, sync, SAMPLING, (long) (rankMb * 1024), 150 * 1024, seeks, 1, 1, List.of(), null);
  }

  @Test
  void aCaseOnTargetMissesNothing() {
    assertEquals(List.of(), Targets.misses(result(CASES.get(1), 2.5, 0, 1, 0, 96, 0)));
  }

  @Test
  void everyMissIsNamedWithItsFigure() {
    List<String> misses = Targets.misses(result(CASES.get(2), 2.6, 0.5, 2, 1, 97, 1));

    assertEquals(6, misses.size(), misses.toString());
    assertTrue(misses.get(0).startsWith("max spread 2 frames > 1"), misses.get(0));
    assertTrue(misses.get(1).startsWith("median spread 0.5 frames > 0"), misses.get(1));
    assertEquals("1 blank or undecodable tiles at seams > 0", misses.get(2));
    assertEquals("start-up 2.60 s > 2.5 s", misses.get(3));
    assertEquals("rank peak RSS 97.0 MB > 96 MB", misses.get(4));
    assertEquals("1 seeks with one clock fast; want none", misses.get(5));
  }

  @Test
  void startUpIsJudgedForFourScreensOnly() {
    assertEquals(List.of(), Targets.misses(result(CASES.get(4), 9, 0, 1, 0, 90, 0)));
  }

  @Test
  void theSeedIsNotJudged() {
    assertEquals(List.of(), Targets.misses(result(CASES.get(0), 9, 8, 16, 98, 60, -1)));
  }
}
