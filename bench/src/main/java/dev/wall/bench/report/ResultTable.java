package dev.wall.bench.report;

import dev.wall.bench.CaseResult;
import dev.wall.bench.analysis.SyncFigures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The benchmark's one table, as Markdown, so it pastes into the README as it is. */
public final class ResultTable {
  private static final List<String> HEADER =
      List.of(
          "case",
          "samples",
          "median spread",
          "max spread",
          "blank tiles",
          "undecodable",
          "blank at seams",
          "seams",
          "start-up s",
          "rank peak RSS MB",
          "mpv peak RSS MB",
          "seeks",
          "load 1m");

  private ResultTable() {}

  public static String render(List<CaseResult> results) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (CaseResult r : results) {
      rows.add(row(r));
    }
    return MarkdownTable.render(rows, 1);
  }

  private static List<String> row(CaseResult r) {
    String name =
        r.benchCase().number()
            + ". "
            + r.benchCase().title()
            + (r.failure() != null && r.sync().started() ? " (cut short: see below)" : "");
    SyncFigures s = r.sync();
    if (!s.started()) {
      List<String> row = new ArrayList<>(List.of(name));
      row.add(
          "did not start: "
              + (r.failure() == null ? "no screenshot had every screen moving" : r.failure()));
      while (row.size() < HEADER.size()) {
        row.add("");
      }
      return row;
    }
    return List.of(
        name,
        String.valueOf(s.samples()),
        fmt("%.1f", s.medianSpread()),
        String.valueOf(s.maxSpread()),
        String.valueOf(s.blankTiles()),
        String.valueOf(s.undecodableTiles()),
        String.valueOf(s.failedTilesAtSeams()),
        String.valueOf(s.seams()),
        fmt("%.2f", s.startupSeconds()),
        fmt("%.1f", r.rankPeakMb()),
        fmt("%.1f", r.playerPeakMb()),
        r.seeks() < 0 ? "n/a" : String.valueOf(r.seeks()),
        fmt("%.1f→%.1f", r.loadBefore(), r.loadAfter()));
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
