package dev.wall.player.cli.layout;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.Screen;
import java.util.ArrayList;
import java.util.List;

/** The table {@code wall screens} prints: one row per rank, columns padded to line up. */
final class ScreensTable {
  private static final List<String> HEADINGS =
      List.of("RANK", "NAME", "HOST", "OUTPUT", "WINDOW", "REGION", "MEDIA");

  private ScreensTable() {}

  static String render(Layout layout) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADINGS);
    for (int rank = 0; rank < layout.screens().size(); rank++) {
      rows.add(row(layout, rank));
    }
    int[] widths = new int[HEADINGS.size()];
    for (List<String> row : rows) {
      for (int c = 0; c < row.size(); c++) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.size(); c++) {
        line.append(c == row.size() - 1 ? row.get(c) : pad(row.get(c), widths[c] + 2));
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
    return text.toString();
  }

  private static List<String> row(Layout layout, int rank) {
    Screen screen = layout.screen(rank);
    return List.of(
        Integer.toString(rank),
        screen.name(),
        screen.host(),
        Integer.toString(screen.output()),
        screen.window() == null ? "full screen" : screen.window().geometry(),
        screen.region() == null ? "-" : screen.region().geometry(),
        screen.showsSpan() ? layout.span().media() + " (span)" : screen.media());
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(width - text.length());
  }
}
