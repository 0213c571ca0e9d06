package dev.wall.bench.report;

import dev.wall.bench.report.Figures.CaseFigures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Each figure of a run beside the same figure of an earlier one ({@code --compare FILE}, or the
 * "before" of an A/B run), as a ratio, with anything more than 20 % worse flagged. Lower is better
 * for every figure compared. A figure that was 0 and is not any more is flagged too: there is no
 * ratio to give, and a blank tile where there was none is always news.
 */
public final class Comparison {
  /** More than this much worse is flagged. */
  public static final double WORSE_BY = 0.20;

  public static final String FLAG = "WORSE";

  /** A figure, how to read it from a case, and how to print it. */
  private record Figure(String name, ToDoubleFunction<CaseFigures> value, String format) {}

  private static final List<Figure> FIGURES =
      List.of(
          new Figure("median spread, frames", CaseFigures::medianSpread, "%.1f"),
          new Figure("max spread, frames", c -> c.maxSpread(), "%.0f"),
          new Figure("screenshots 1+ frame apart, %", CaseFigures::offByOnePercent, "%.1f"),
          new Figure("blank tiles", c -> c.blankTiles(), "%.0f"),
          new Figure("blank at seams", c -> c.blankAtSeams(), "%.0f"),
          new Figure("start-up, s", CaseFigures::startupSeconds, "%.2f"),
          new Figure("rank peak RSS, MB", CaseFigures::rankPeakMb, "%.1f"),
          new Figure("mpv peak RSS, MB", CaseFigures::mpvPeakMb, "%.1f"),
          new Figure("rank CPU, % of a core", CaseFigures::rankCpuPercent, "%.1f"),
          new Figure("mpv CPU, % of a core", CaseFigures::mpvCpuPercent, "%.1f"),
          new Figure("seeks", c -> c.seeks() < 0 ? Double.NaN : c.seeks(), "%.0f"),
          new Figure(
              "dropped frames",
              c -> c.droppedFrames() < 0 ? Double.NaN : c.droppedFrames(),
              "%.0f"));

  private Comparison() {}

  /** One line of the comparison. */
  public record Line(
      String caseName, String figure, String then, String now, String ratio, boolean worse) {}

  /**
   * Every figure of every case of {@code now} that {@code then} has too (matched by case name), in
   * {@code now}'s order. A case {@code then} lacks is listed with nothing beside it.
   */
  public static List<Line> lines(Figures then, Figures now) {
    List<Line> lines = new ArrayList<>();
    List<CaseFigures> earlier = earlier(then, now);
    for (int i = 0; i < now.cases().size(); i++) {
      lines.addAll(lines(earlier.get(i), now.cases().get(i)));
    }
    return lines;
  }

  /**
   * For each case of {@code now}, the one of {@code then} it is compared with: the one in the same
   * place when both ran the same cases in the same order (an A/B run, where a case may run more
   * than once), else the first of the same name (or null).
   */
  static List<CaseFigures> earlier(Figures then, Figures now) {
    List<String> thenNames = then.cases().stream().map(CaseFigures::name).toList();
    List<String> nowNames = now.cases().stream().map(CaseFigures::name).toList();
    if (thenNames.equals(nowNames)) {
      return then.cases();
    }
    List<CaseFigures> earlier = new ArrayList<>();
    now.cases().forEach(c -> earlier.add(then.find(c.name())));
    return earlier;
  }

  /** The figures of one case, {@code now} against {@code then} (null: not recorded). */
  public static List<Line> lines(CaseFigures then, CaseFigures now) {
    List<Line> lines = new ArrayList<>();
    for (Figure f : FIGURES) {
      double b = then == null ? Double.NaN : f.value.applyAsDouble(then);
      double a = f.value.applyAsDouble(now);
      if (Double.isNaN(a) && Double.isNaN(b)) {
        continue;
      }
      lines.add(new Line(now.name(), f.name, show(f, b), show(f, a), ratio(b, a), worse(b, a)));
    }
    return lines;
  }

  /** More than {@link #WORSE_BY} worse than before, or something where there was nothing. */
  static boolean worse(double then, double now) {
    if (Double.isNaN(then) || Double.isNaN(now)) {
      return false;
    }
    return then == 0 ? now > 0 : now > then * (1 + WORSE_BY);
  }

  static String ratio(double then, double now) {
    if (Double.isNaN(then) || Double.isNaN(now)) {
      return "-";
    }
    if (then == 0) {
      return now == 0 ? "=" : "new";
    }
    return String.format(Locale.ROOT, "%.2f", now / then);
  }

  private static String show(Figure f, double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, f.format, value);
  }

  /**
   * The comparison as a Markdown table, headed by both runs' machine and load, and a last line that
   * counts the figures flagged.
   */
  public static String render(String thenName, Figures then, String nowName, Figures now) {
    StringBuilder text = new StringBuilder();
    text.append("Compared with ")
        .append(thenName)
        .append(": recorded ")
        .append(then.recorded())
        .append(" on ")
        .append(describe(then.machine()))
        .append('\n');
    text.append("This run (")
        .append(nowName)
        .append("): ")
        .append(now.recorded())
        .append(" on ")
        .append(describe(now.machine()))
        .append('\n');
    text.append("Ratios are this run / the earlier; lower is better for every figure; ")
        .append(FLAG)
        .append(
            String.format(
                Locale.ROOT, ": more than %.0f %% worse (or more than none).%n%n", WORSE_BY * 100));
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("case", "figure", thenName, nowName, "ratio", ""));
    int flagged = 0;
    List<CaseFigures> earlier = earlier(then, now);
    for (int i = 0; i < now.cases().size(); i++) {
      CaseFigures c = now.cases().get(i);
      CaseFigures b = earlier.get(i);
      String wall =
          c.wall().isEmpty() && (b == null || b.wall().isEmpty())
              ? ""
              : " (wall " + (b == null ? "-" : b.wall()) + " → " + c.wall() + ")";
      rows.add(
          List.of(c.name(), "load 1m at start" + wall, b == null ? "-" : load(b), load(c), "", ""));
      for (Line line : lines(b, c)) {
        rows.add(
            List.of(
                line.caseName(),
                line.figure(),
                line.then(),
                line.now(),
                line.ratio(),
                line.worse() ? FLAG : ""));
        flagged += line.worse() ? 1 : 0;
      }
    }
    text.append(MarkdownTable.render(rows, 2));
    text.append(
        String.format(
            Locale.ROOT, "%n%d figure%s flagged %s.%n", flagged, flagged == 1 ? "" : "s", FLAG));
    return text.toString();
  }

  private static String load(CaseFigures c) {
    return String.format(Locale.ROOT, "%.1f", c.loadBefore());
  }

  private static String describe(Figures.MachineFigures m) {
    return m.cores()
        + " cores, "
        + m.cpu()
        + ", Linux "
        + m.kernel()
        + ", load "
        + m.loadAtStart()
        + " → "
        + m.loadAtEnd();
  }
}
