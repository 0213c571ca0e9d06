package dev.wall.bench.report;

import java.util.ArrayList;
import java.util.List;

/** The benchmark's tables as Markdown, padded so they also read as plain text. */
public final class MarkdownTable {
  private MarkdownTable() {}

  /**
   * {@code rows} (the first is the header) as a table: the first {@code leftColumns} columns
   * aligned left, the figures after them right.
   */
  public static String render(List<List<String>> rows, int leftColumns) {
    int[] widths = new int[rows.get(0).size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      out.append(line(rows.get(r), widths, leftColumns));
      if (r == 0) {
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
          rule.add("-".repeat(Math.max(1, width)));
        }
        out.append(line(rule, widths, leftColumns));
      }
    }
    return out.toString();
  }

  private static String line(List<String> cells, int[] widths, int leftColumns) {
    StringBuilder line = new StringBuilder("|");
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      String pad = " ".repeat(Math.max(0, widths[i] - cell.length()));
      line.append(' ').append(i < leftColumns ? cell + pad : pad + cell).append(" |");
    }
    return line.append('\n').toString();
  }
}
