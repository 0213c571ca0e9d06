package dev.wall.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.bench.report.Figures.CaseFigures;
import dev.wall.bench.report.Figures.MachineFigures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonTest {
  private static final MachineFigures MACHINE =
      new MachineFigures(2, "AMD EPYC", "6.1", "0.5 0.4 0.3", "0.6 0.4 0.3");

  private static CaseFigures plain(double startup, int maxSpread, int blankTiles) {
    return new CaseFigures(
        "plain",
        "ours",
        "abc123",
        500,
        0,
        maxSpread,
        2.5,
        blankTiles,
        0,
        0,
        3,
        startup,
        70,
        65,
        0,
        2.0,
        4.0,
        0,
        0.5,
        0.6,
        null);
  }

  private static Figures run(CaseFigures... cases) {
    return new Figures("2026-12-07 12:00 UTC", MACHINE, "abc123", List.of(cases));
  }

  @Test
  void aFigureMoreThanTwentyPercentWorseIsFlaggedWithItsRatio() {
    List<Comparison.Line> lines = Comparison.lines(run(plain(2.0, 1, 0)), run(plain(2.5, 1, 0)));
    Comparison.Line startup =
        lines.stream().filter(l -> l.figure().startsWith("start-up")).findFirst().orElseThrow();
    assertEquals("2.00", startup.then());
    assertEquals("2.50", startup.now());
    assertEquals("1.25", startup.ratio());
    assertTrue(startup.worse());
  }

  @Test
  void twentyPercentWorseOrBetterIsNotFlagged() {
    assertFalse(Comparison.worse(2.0, 2.4));
    assertFalse(Comparison.worse(2.0, 1.0));
    assertTrue(Comparison.worse(2.0, 2.41));
  }

  @Test
  void somethingWhereThereWasNothingIsFlaggedAsNew() {
    List<Comparison.Line> lines = Comparison.lines(run(plain(2.0, 1, 0)), run(plain(2.0, 1, 4)));
    Comparison.Line blank =
        lines.stream().filter(l -> l.figure().equals("blank tiles")).findFirst().orElseThrow();
    assertEquals("new", blank.ratio());
    assertTrue(blank.worse());
  }

  @Test
  void theTableCountsTheFlaggedFiguresAndNamesBothRuns() {
    String table =
        Comparison.render(
            "bench/baseline/x.json", run(plain(2.0, 1, 0)), "this run", run(plain(3.0, 3, 0)));
    assertTrue(table.contains("| plain"), table);
    assertTrue(table.contains("2 figures flagged WORSE."), table);
    assertTrue(
        table.startsWith(
            "Compared with bench/baseline/x.json: recorded 2026-12-07 12:00 UTC on 2 cores"),
        table);
  }

  @Test
  void aCaseTheEarlierRunLacksIsListedWithNothingBesideIt() {
    CaseFigures loaded =
        new CaseFigures(
            "loaded",
            "ours, hog",
            "abc",
            400,
            0,
            1,
            3,
            0,
            0,
            0,
            2,
            2.9,
            70,
            65,
            0,
            2,
            4,
            0,
            2.1,
            2.2,
            null);
    List<Comparison.Line> lines = Comparison.lines(run(plain(2.0, 1, 0)), run(loaded));
    assertTrue(lines.stream().allMatch(l -> l.then().equals("-") && !l.worse()), lines.toString());
  }

  @Test
  void figuresRoundTripThroughTheirFile(@TempDir Path dir) throws IOException {
    Figures written = run(plain(2.0, 1, 0));
    written.write(dir.resolve("results.json"));
    assertEquals(written, Figures.read(dir.resolve("results.json")));
  }

  @Test
  void aFileThatIsNotFiguresIsRefusedNamingIt(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("x.json"), "{\"hello\": 1}");
    IOException e = assertThrows(IOException.class, () -> Figures.read(file));
    assertTrue(e.getMessage().startsWith(file + ": not a benchmark's figures"), e.getMessage());
  }
}
