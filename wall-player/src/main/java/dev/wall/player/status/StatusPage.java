package dev.wall.player.status;

import dev.wall.core.layout.Rect;
import dev.wall.player.preview.WallGeometry;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The status page: the wall drawn to scale, as in {@code wall preview}, each screen coloured by its
 * state, and a table of every screen's figures. Plain HTML and SVG, no script: it refreshes itself
 * every few seconds, and every text from the layout is escaped.
 */
public final class StatusPage {
  static final int REFRESH_SECONDS = 2;
  static final int DRAWING_WIDTH = 900;

  /** Tile colours by state: green plays, amber recovers, red gave up, grey is off or stopped. */
  static final Map<String, String> FILL =
      Map.of(
          ScreenView.PLAYING, "#2e8b57",
          ScreenView.RECOVERING, "#e0a020",
          ScreenView.GIVEN_UP, "#c0392b",
          ScreenView.STOPPED, "#6b6b6b",
          ScreenView.OFF, "#3a3f4b");

  private StatusPage() {}

  public static String html(StatusView view) {
    StringBuilder page = new StringBuilder(4096);
    String title = view.layout().name() == null ? "wall" : view.layout().name();
    page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"refresh\" content=\"")
        .append(REFRESH_SECONDS)
        .append("\">")
        .append("<title>")
        .append(escape(title))
        .append(" · wall status</title>")
        .append(
            "<style>body{font:15px/1.4 sans-serif;margin:24px;background:#f4f4f4;color:#222}"
                + "h1{font-size:22px;margin:0 0 4px}p{margin:2px 0}svg{background:#262626;margin:14px 0;max-width:100%}"
                + "table{border-collapse:collapse;background:#fff}td,th{padding:4px 10px;border-bottom:1px solid #ddd;text-align:left}"
                + ".state{font-weight:bold}.playing{color:#2e8b57}.recovering{color:#b07a00}.given-up{color:#c0392b}"
                + ".off,.stopped{color:#555}</style></head><body>\n");
    page.append("<h1>").append(escape(title)).append("</h1>\n");
    page.append("<p id=\"headline\">").append(escape(view.headline())).append("</p>\n");
    if (view.schedule() != null) {
      page.append("<p id=\"schedule\">Schedule: ").append(escape(view.schedule())).append("</p>\n");
    }
    page.append("<p>At ")
        .append(
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
                .format(view.at().atOffset(ZoneOffset.UTC)))
        .append("</p>\n");
    drawing(page, view);
    table(page, view);
    plots(page, view);
    page.append("</body></html>\n");
    return page.toString();
  }

  private static void drawing(StringBuilder page, StatusView view) {
    WallGeometry geometry = WallGeometry.of(view.layout());
    double scale = Math.min(DRAWING_WIDTH / (double) geometry.width(), 500.0 / geometry.height());
    int width = (int) Math.round(geometry.width() * scale);
    int height = (int) Math.round(geometry.height() * scale);
    page.append("<svg id=\"wall\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\" role=\"img\" aria-label=\"the wall to scale\">\n");
    for (int rank = 0; rank < view.screens().size(); rank++) {
      ScreenView screen = view.screens().get(rank);
      Rect area = geometry.screenArea(rank);
      int x = (int) Math.round(area.x() * scale);
      int y = (int) Math.round(area.y() * scale);
      int w = Math.max(1, (int) Math.round(area.width() * scale) - 2);
      int h = Math.max(1, (int) Math.round(area.height() * scale) - 2);
      page.append("<g class=\"tile ")
          .append(screen.state())
          .append("\" data-screen=\"")
          .append(escape(screen.name()))
          .append("\"><rect x=\"")
          .append(x + 1)
          .append("\" y=\"")
          .append(y + 1)
          .append("\" width=\"")
          .append(w)
          .append("\" height=\"")
          .append(h)
          .append("\" fill=\"")
          .append(FILL.getOrDefault(screen.state(), "#6b6b6b"))
          .append("\" stroke=\"#111\"/>");
      int cx = x + w / 2;
      int cy = y + h / 2;
      page.append("<text x=\"")
          .append(cx)
          .append("\" y=\"")
          .append(cy - 4)
          .append("\" fill=\"#fff\" font-size=\"16\" font-weight=\"bold\" text-anchor=\"middle\">")
          .append(escape(screen.name()))
          .append("</text>");
      page.append("<text x=\"")
          .append(cx)
          .append("\" y=\"")
          .append(cy + 16)
          .append("\" fill=\"#fff\" font-size=\"12\" text-anchor=\"middle\">")
          .append(escape(screen.label()))
          .append("</text></g>\n");
    }
    page.append("</svg>\n");
  }

  private static void table(StringBuilder page, StatusView view) {
    page.append(
        "<table id=\"screens\"><tr><th>rank</th><th>screen</th><th>host</th><th>state</th><th>loop</th>"
            + "<th>skew (frames)</th><th>rate</th><th>restarts</th><th>last error</th><th>picture</th></tr>\n");
    for (int rank = 0; rank < view.screens().size(); rank++) {
      ScreenView s = view.screens().get(rank);
      page.append("<tr><td>")
          .append(rank)
          .append("</td><td>")
          .append(escape(s.name()))
          .append("</td><td>")
          .append(escape(s.host()))
          .append("</td><td class=\"state ")
          .append(s.state())
          .append("\">")
          .append(escape(s.label()))
          .append("</td><td>")
          .append(orDash(s.loop()))
          .append("</td><td>")
          .append(
              s.skewFrames() == null ? "-" : String.format(Locale.ROOT, "%+.2f", s.skewFrames()))
          .append("</td><td>")
          .append(s.rate() == null ? "-" : String.format(Locale.ROOT, "%.4f", s.rate()))
          .append("</td><td>")
          .append(orDash(s.restarts()))
          .append("</td><td>")
          .append(s.lastError() == null ? "-" : escape(s.lastError()))
          .append("</td><td>")
          .append(
              s.state().equals(ScreenView.PLAYING)
                  ? "<a href=\"/screen/" + rank + ".jpg\">thumbnail</a>"
                  : "-")
          .append("</td></tr>\n");
    }
    page.append("</table>\n");
  }

  static final int PLOT_WIDTH = SkewHistory.SLOTS;
  static final int PLOT_HEIGHT = 80;

  /**
   * Each screen's skew over the last hour, a small plot per screen: one point per 10 s (the worst
   * of its rounds), time left to right, ahead up and behind down, the scale at least one frame each
   * way; gaps where the screen did not play.
   */
  private static void plots(StringBuilder page, StatusView view) {
    if (view.skew().isEmpty()) {
      return;
    }
    page.append(
        "<h2 style=\"font-size:17px;margin:18px 0 4px\">Skew over the last hour (frames)</h2>\n"
            + "<div id=\"plots\" style=\"display:flex;flex-wrap:wrap;gap:10px\">\n");
    for (SkewHistory.Trace trace : view.skew()) {
      double worst = 0;
      boolean any = false;
      for (double v : trace.frames()) {
        if (!Double.isNaN(v)) {
          any = true;
          worst = Math.abs(v) > Math.abs(worst) ? v : worst;
        }
      }
      double range = Math.max(1, Math.ceil(Math.abs(worst)));
      int top = 16;
      int height = PLOT_HEIGHT;
      double middle = top + height / 2.0;
      page.append("<svg class=\"skew-plot\" data-screen=\"")
          .append(escape(trace.screen()))
          .append("\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
          .append(PLOT_WIDTH + 2)
          .append("\" height=\"")
          .append(top + height + 2)
          .append("\" viewBox=\"0 0 ")
          .append(PLOT_WIDTH + 2)
          .append(' ')
          .append(top + height + 2)
          .append("\" role=\"img\" aria-label=\"skew of ")
          .append(escape(trace.screen()))
          .append(" over the last hour\" style=\"background:#fff;margin:0\">");
      page.append("<text x=\"2\" y=\"12\" font-size=\"12\" fill=\"#222\">")
          .append(escape(trace.screen()))
          .append(
              any
                  ? String.format(Locale.ROOT, ": worst %+.2f, scale \u00b1%.0f", worst, range)
                  : ": no rounds yet")
          .append("</text>");
      page.append("<rect x=\"1\" y=\"")
          .append(top)
          .append("\" width=\"")
          .append(PLOT_WIDTH)
          .append("\" height=\"")
          .append(height)
          .append("\" fill=\"#f8f8f8\" stroke=\"#bbb\"/>");
      page.append("<line x1=\"1\" x2=\"")
          .append(PLOT_WIDTH + 1)
          .append("\" y1=\"")
          .append(fmt(middle))
          .append("\" y2=\"")
          .append(fmt(middle))
          .append("\" stroke=\"#999\" stroke-dasharray=\"3,3\"/>");
      StringBuilder points = new StringBuilder();
      double[] frames = trace.frames();
      for (int i = 0; i <= frames.length; i++) {
        boolean gap = i == frames.length || Double.isNaN(frames[i]);
        if (gap) {
          if (points.length() > 0) {
            page.append(
                    "<polyline class=\"skew\" fill=\"none\" stroke=\"#1f6fb2\" stroke-width=\"1.5\" points=\"")
                .append(points.toString().strip())
                .append("\"/>");
            points.setLength(0);
          }
          continue;
        }
        double y = middle - frames[i] / range * (height / 2.0 - 2);
        points.append(i + 1).append(',').append(fmt(y)).append(' ');
        if (i + 1 == frames.length || Double.isNaN(frames[i + 1])) {
          points.append(i + 1.9).append(',').append(fmt(y)).append(' '); // a lone point shows
        }
      }
      page.append("</svg>\n");
    }
    page.append("</div>\n");
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  private static String orDash(Object value) {
    return value == null ? "-" : value.toString();
  }

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
