package dev.wall.bench.report;

import dev.wall.bench.CaseResult;
import dev.wall.bench.wall.Show;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Issue 24's span cases side by side: the players' CPU, all of them together, and the skew from
 * pixels, of a clip per screen, the span cropped by each player, and the span prepared; the
 * prepared wall's target is at most {@value #TARGET}x the CPU of a clip per screen, and median 0,
 * max 1 frame apart.
 */
public final class SpanTable {
  public static final double TARGET = 1.2;

  private SpanTable() {}

  /** The table, or empty when no span case ran. */
  public static Optional<String> render(List<CaseResult> results) {
    List<CaseResult> span =
        results.stream()
            .filter(r -> r.benchCase().name().startsWith("span-") && r.benchCase().screens() > 0)
            .toList();
    if (span.isEmpty()) {
      return Optional.empty();
    }
    double perScreen =
        span.stream()
            .filter(r -> r.benchCase().show().content() == Show.Content.CLIP_PER_SCREEN)
            .mapToDouble(SpanTable::playersCpu)
            .filter(v -> !Double.isNaN(v))
            .findFirst()
            .orElse(Double.NaN);
    List<List<String>> rows = new ArrayList<>();
    rows.add(
        List.of(
            "span wall, 9 screens",
            "mpv CPU, all players, % of a core",
            "x a clip per screen",
            "median spread",
            "max spread",
            "seeks"));
    for (CaseResult r : span) {
      double cpu = playersCpu(r);
      rows.add(
          List.of(
              r.benchCase().title(),
              Double.isNaN(cpu) ? "?" : String.format(Locale.ROOT, "%.0f", cpu),
              Double.isNaN(cpu) || Double.isNaN(perScreen)
                  ? "?"
                  : String.format(Locale.ROOT, "%.2f", cpu / perScreen),
              r.failure() != null
                  ? "failed"
                  : String.format(Locale.ROOT, "%.1f", r.sync().medianSpread()),
              r.failure() != null ? "-" : String.valueOf(r.sync().maxSpread()),
              String.valueOf(r.seeks())));
    }
    return Optional.of(
        "Span wall (issue 24): the players' CPU while sampling, all nine together; target for"
            + " prepared: at most "
            + TARGET
            + "x a clip per screen, spread median 0, max 1.\n\n"
            + MarkdownTable.render(rows, 1));
  }

  /** Every player's mean CPU times the screens: all players together, in % of one core. */
  static double playersCpu(CaseResult r) {
    if (r.run() == null || r.run().cpu() == null) {
      return Double.NaN;
    }
    return r.run().cpu().playerPercent() * r.benchCase().screens();
  }
}
