package dev.wall.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.bench.BenchCase;
import dev.wall.bench.CaseResult;
import dev.wall.bench.analysis.SyncFigures;
import dev.wall.bench.sampling.SamplingStats;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ResultTableTest {
  private static final BenchCase OURS =
      BenchCase.all(Duration.ofSeconds(60), Duration.ofSeconds(120)).get(1);
  private static final BenchCase SEED =
      BenchCase.all(Duration.ofSeconds(60), Duration.ofSeconds(120)).get(0);
  private static final SamplingStats SAMPLING = new SamplingStats(600, 10, 100, 110, 150, 0);

  static SyncFigures figures(double startup, double median, int max, int blankAtSeams) {
    return new SyncFigures(
        startup,
        600,
        60,
        598,
        median,
        max,
        new TreeMap<>(),
        2,
        1,
        0,
        3,
        30,
        blankAtSeams,
        List.of());
  }

  @Test
  void oneRowPerCaseWithEveryFigure() {
    CaseResult r =
        new CaseResult(
            OURS,
            figures(2.25, 0, 1, 0),
            SAMPLING,
            70 * 1024,
            150 * 1024,
            0,
            1.5,
            2.25,
            List.of(),
            null);

    List<String> lines = ResultTable.render(List.of(r)).lines().toList();

    assertEquals(3, lines.size());
    assertTrue(lines.get(0).startsWith("| case "), lines.get(0));
    assertEquals(
        List.of(
            "2. ours", "600", "0.0", "1", "2", "1", "0", "3", "2.25", "70.0", "150.0", "0",
            "1.5→2.3"),
        cells(lines.get(2)));
    assertEquals(lines.get(0).length(), lines.get(2).length(), "columns line up");
  }

  @Test
  void theSeedHasNoSeeksToReport() {
    CaseResult r =
        new CaseResult(
            SEED,
            figures(4, 8, 16, 98),
            SAMPLING,
            60 * 1024,
            150 * 1024,
            -1,
            1,
            1,
            List.of(),
            null);

    assertEquals("n/a", cells(ResultTable.render(List.of(r)).lines().toList().get(2)).get(11));
  }

  @Test
  void aWallThatNeverStartedSaysWhy() {
    CaseResult r =
        new CaseResult(
            OURS,
            figures(Double.NaN, Double.NaN, 0, 0),
            SAMPLING,
            0,
            0,
            0,
            1,
            1,
            List.of(),
            "the wall exited with code 1");

    assertTrue(
        ResultTable.render(List.of(r)).contains("did not start: the wall exited with code 1"));
  }

  @Test
  void aCaseCutShortSaysSoInItsRow() {
    CaseResult r =
        new CaseResult(
            OURS,
            figures(2, 0, 1, 0),
            SAMPLING,
            0,
            0,
            0,
            1,
            1,
            List.of(),
            "the wall exited early with code 3");

    assertEquals(
        "2. ours (cut short: see below)",
        cells(ResultTable.render(List.of(r)).lines().toList().get(2)).get(0));
  }

  private static List<String> cells(String line) {
    return List.of(line.substring(1, line.length() - 1).split("\\|")).stream()
        .map(String::strip)
        .toList();
  }
}
