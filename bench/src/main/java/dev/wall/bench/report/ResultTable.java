package dev.wall.bench.report;

import dev.wall.bench.CaseResult;
import dev.wall.bench.analysis.SyncFigures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The benchmark's one table, as Markdown, so it pastes into the README as it is. */
public final class ResultTable {
  private static final List<String> HEADER = List.of("case", "samples", "median spread", "max spread",
      "blank tiles", "undecodable", "blank at seams", "seams", "start-up s", "rank peak RSS MB",
      "mpv peak RSS MB", "seeks", "load 1m");

  private ResultTable() {}

  public static String render(List<CaseResult> results) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (CaseResult r : results) {
      rows.add(row(r));
    }
    int[] widths = new int[HEADER.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      out.append(line(rows.get(r), widths));
      if (r == 0) {
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
          rule.add("-".repeat(width));
        }
        out.append(line(rule, widths));
      }
    }
    return out.toString();
  }

  private static List<String> row(CaseResult r) {
    String name = r.benchCase().number() + ". " + r.benchCase().title()
        + (r.failure() != null && r.sync().started() ? " (cut short: see below)" : "");
    SyncFigures s = r.sync();
    if (!s.started()) {
      List<String> row = new ArrayList<>(List.of(name));
      row.add("did not start: " + (r.failure() == null ? "no screenshot had every screen moving" : r.failure()));
      while (row.size() < HEADER.size()) {
        row.add("");
      }
      return row;
    }
    return List.of(name,
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

  private static String line(List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder("|");
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      line.append(' ').append(i == 0 ? pad(cell, widths[i]) : padLeft(cell, widths[i])).append(" |");
    }
    return line.append('\n').toString();
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }

  private static String padLeft(String s, int width) {
    return " ".repeat(Math.max(0, width - s.length())) + s;
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
