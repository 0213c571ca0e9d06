package dev.wall.player.cli.layout;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.Screen;
import dev.wall.player.cli.common.Table;
import java.util.ArrayList;
import java.util.List;

/** The table {@code wall screens} prints: one row per rank, columns padded to line up. */
final class ScreensTable {
  private static final List<String> HEADINGS =
      List.of("RANK", "NAME", "HOST", "OUTPUT", "WINDOW", "REGION", "MEDIA");

  private ScreensTable() {}

  /**
   * The table; a LATENCY column only when a screen has one, a BOARD column only when the layout
   * says a node's board, and a line naming the wall's clock when it keeps a screen's clock rather
   * than the median's.
   */
  static String render(Layout layout) {
    boolean latency = layout.screens().stream().anyMatch(s -> s.latencyMs() != 0);
    boolean board = layout.screens().stream().anyMatch(s -> s.board() != null);
    List<String> headings = new ArrayList<>(HEADINGS);
    if (board) {
      headings.add(3, "BOARD");
    }
    if (latency) {
      headings.add(headings.size() - 1, "LATENCY");
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(headings);
    for (int rank = 0; rank < layout.screens().size(); rank++) {
      List<String> row = new ArrayList<>(row(layout, rank));
      if (board) {
        row.add(3, layout.screen(rank).boardIfSet().map(b -> b.jsonName()).orElse("-"));
      }
      if (latency) {
        int ms = layout.screen(rank).latencyMs();
        row.add(row.size() - 1, ms == 0 ? "-" : (ms > 0 ? "+" : "") + ms + " ms");
      }
      rows.add(row);
    }
    StringBuilder text = new StringBuilder(Table.render(rows));
    layout
        .clockScreen()
        .ifPresent(
            rank ->
                text.append("clock: ")
                    .append(layout.screen(rank).name())
                    .append(" (rank ")
                    .append(rank)
                    .append(", audio ")
                    .append(layout.screen(rank).audio().jsonName())
                    .append("): the others follow it, and its speed is never trimmed\n"));
    return text.toString();
  }

  /** A playlist in one cell: its clips in order. */
  static String media(List<String> playlist) {
    return String.join(" > ", playlist);
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
        media(layout.playlist(screen)) + (screen.showsSpan() ? " (span)" : ""));
  }
}
