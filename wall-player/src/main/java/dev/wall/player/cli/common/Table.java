package dev.wall.player.cli.common;

import java.util.List;

/**
 * The column tables the CLI prints ({@code wall screens}, {@code wall status}, {@code wall
 * doctor}): each column as wide as its widest cell and two spaces from the next, the last one as it
 * is, no space at the end of a line.
 */
public final class Table {
  private Table() {}

  /** {@code rows}, the headings first, one line each ending in a newline. */
  public static String render(List<List<String>> rows) {
    int columns = rows.stream().mapToInt(List::size).max().orElse(0);
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int c = 0; c < row.size() - 1; c++) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.size(); c++) {
        String cell = row.get(c);
        line.append(c == row.size() - 1 ? cell : cell + " ".repeat(widths[c] + 2 - cell.length()));
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
    return text.toString();
  }
}
