package dev.wall.player.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import dev.wall.core.schedule.ScheduleClock;
import dev.wall.core.sync.ScreenState;
import dev.wall.core.testing.Tools;
import dev.wall.player.testing.HeadlessChromium;
import dev.wall.player.wire.WallStatus;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page's skew plots as a person sees them: an hour of control rounds (one per 10 s slot)
 * goes the way the controller's go, to the status board and the skew history, the status server
 * serves the page, and Debian's headless Chromium takes a screenshot. From its pixels, each
 * screen's plot box holds its line, where its history puts it: flat on the middle for a screen
 * always in step, up to the box's edge for one with spikes, from below to above the middle for one
 * that drifted from behind to ahead, and nothing where a screen did not play. The page has no
 * script.
 */
class StatusPlotsIT {
  private static final String LAYOUT =
      """
      {"version": 1, "name": "plots", "mediaRoot": "/m", "screens": [
        {"name": "flat", "host": "localhost", "window": {"x": 0, "y": 0, "width": 320, "height": 180}, "media": "a.mp4"},
        {"name": "spiky", "host": "localhost", "window": {"x": 320, "y": 0, "width": 320, "height": 180}, "media": "a.mp4"},
        {"name": "drifting", "host": "localhost", "window": {"x": 0, "y": 180, "width": 320, "height": 180}, "media": "a.mp4"},
        {"name": "gap", "host": "localhost", "window": {"x": 320, "y": 180, "width": 320, "height": 180}, "media": "a.mp4"}]}
      """;
  private static final int SLOTS = SkewHistory.SLOTS;
  private static final double FPS = 30;

  /** Screen "spiky" is 3 frames ahead in these slots, in step in every other. */
  private static final List<Integer> SPIKES = List.of(40, 100, 160, 220, 280, 340);

  /** Screen "gap" did not play in these slots (its player was being replaced). */
  private static final int GAP_FROM = 130;

  private static final int GAP_TO = 230;

  private static final int WIDTH = 1280;
  private static final int HEIGHT = 1600;

  @TempDir Path dir;
  private StatusServer server;
  private StatusBoard board;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (board != null) {
      board.close();
    }
  }

  /** Each screen's skew in slot {@code slot}, in ms, or null where it did not play. */
  private static List<Double> skews(int slot) {
    double frame = 1000 / FPS;
    return java.util.Arrays.asList(
        0.0,
        SPIKES.contains(slot) ? 3 * frame : 0.0,
        (-2 + 4.0 * slot / (SLOTS - 1)) * frame,
        slot >= GAP_FROM && slot < GAP_TO ? null : 0.4 * frame * Math.sin(slot / 10.0));
  }

  @Test
  void eachScreensPlotIsDrawnAsItsHistoryGoes() throws Exception {
    Tools.require(
        Files.isExecutable(Path.of(HeadlessChromium.PROGRAM)),
        "the plots' screenshot needs Debian's chromium");
    Layout layout = new LayoutReader().read("plots.json", LAYOUT);
    SteppedClock clock = new SteppedClock(Instant.parse("2026-03-30T08:00:00Z"));
    SkewHistory history =
        new SkewHistory(layout.screens().stream().map(s -> s.name()).toList(), clock);
    board = new StatusBoard(dir.resolve("run"), "localhost", "plots.json", false);
    LiveStatus live =
        new LiveStatus(layout, Optional.empty(), ScheduleClock.system(), board::snapshot);
    live.skew(history);
    // The hour's rounds, as the controller hands each on (WallShow: the board, then the rounds'
    // listeners, the history among them).
    for (int slot = 0; slot < SLOTS; slot++) {
      clock.now = clock.now.plusSeconds(10);
      WallStatus round = round(layout, slot);
      board.status(round);
      history.accept(round);
    }
    server = StatusServer.start(live, java.net.InetAddress.getLoopbackAddress(), 0);

    String html =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.url())).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertEquals(4, html.split("class=\"skew-plot\"", -1).length - 1, html);
    assertFalse(html.toLowerCase().contains("<script"), "no script element");
    assertFalse(
        Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find(),
        "no event handler attribute");
    assertFalse(html.toLowerCase().contains("javascript:"), "no script URL");

    Path png = dir.resolve("page.png");
    HeadlessChromium.screenshot(server.url(), png, WIDTH, HEIGHT, dir);
    BufferedImage page = ImageIO.read(png.toFile());
    assertEquals(WIDTH, page.getWidth(), "one screenshot pixel per CSS pixel");
    List<Box> boxes = plotBoxes(page);
    assertEquals(4, boxes.size(), "a plot box per screen: " + boxes + "; see " + png);
    for (Box box : boxes) {
      assertTrue(
          Math.abs(box.width() - StatusPage.PLOT_WIDTH) <= 4
              && Math.abs(box.height() - StatusPage.PLOT_HEIGHT) <= 4,
          "a box the plot's size: " + box + "; see " + png);
    }
    List<Line> lines = boxes.stream().map(b -> Line.in(page, b)).toList();
    for (int i = 0; i < lines.size(); i++) {
      System.out.printf(
          "plot of %s: line in %d of %d columns, rows %d to %d of %d%n",
          layout.screen(i).name(),
          lines.get(i).columnsDrawn(),
          boxes.get(i).width(),
          lines.get(i).top(),
          lines.get(i).bottom(),
          boxes.get(i).height());
    }

    // flat: the line all along, on the middle, a few rows thick.
    Line flat = lines.get(0);
    assertTrue(flat.columnsDrawn() >= 0.95 * boxes.get(0).width(), "flat drawn across: " + flat);
    assertTrue(flat.bottom() - flat.top() <= 4, "flat is flat: " + flat);
    assertTrue(Math.abs(flat.middleRow() - boxes.get(0).height() / 2.0) <= 3, "on the middle");

    // spiky: along the middle too, but reaching the box's top at each spike (ahead is up).
    Line spiky = lines.get(1);
    assertTrue(spiky.columnsDrawn() >= 0.95 * boxes.get(1).width(), "spiky drawn across");
    assertTrue(spiky.top() <= 6, "the spikes reach the top of the box: " + spiky);
    assertTrue(
        spiky.bottom() - spiky.top() > 5 * (flat.bottom() - flat.top() + 1),
        "a spiky history is drawn unlike a flat one: " + spiky + " / " + flat);
    for (int spike : SPIKES) {
      assertTrue(spiky.topOfColumns(spike - 1, spike + 2) <= 6, "a spike at slot " + spike);
    }
    assertTrue(spiky.topOfColumns(60, 90) >= 30, "in step between spikes: " + spiky);

    // drifting: behind (low) on the left, ahead (high) on the right.
    Line drifting = lines.get(2);
    double middle = boxes.get(2).height() / 2.0;
    assertTrue(drifting.meanRow(0, 30) > middle + 20, "behind at first: " + drifting);
    assertTrue(drifting.meanRow(SLOTS - 30, SLOTS) < middle - 20, "ahead at the end: " + drifting);

    // gap: drawn before and after, nothing while the screen did not play.
    Line gap = lines.get(3);
    assertEquals(0, gap.columnsDrawnIn(GAP_FROM + 3, GAP_TO - 1), "nothing in the gap: " + gap);
    assertTrue(gap.columnsDrawnIn(0, GAP_FROM - 1) >= GAP_FROM - 5, "drawn before the gap");
    assertTrue(gap.columnsDrawnIn(GAP_TO + 2, SLOTS) >= SLOTS - GAP_TO - 5, "and after it");
  }

  private static WallStatus round(Layout layout, int slot) {
    List<Double> skews = skews(slot);
    List<WallStatus.Screen> screens = new ArrayList<>();
    for (int i = 0; i < layout.screens().size(); i++) {
      Double skew = skews.get(i);
      screens.add(
          new WallStatus.Screen(
              layout.screen(i).name(),
              "localhost",
              skew == null ? ScreenState.RECOVERING : ScreenState.PLAYING,
              skew == null ? null : 1.0,
              skew,
              1,
              0,
              null,
              null));
    }
    double spread =
        skews.stream().filter(s -> s != null).mapToDouble(Double::doubleValue).max().orElse(0)
            - skews.stream()
                .filter(s -> s != null)
                .mapToDouble(Double::doubleValue)
                .min()
                .orElse(0);
    return new WallStatus(1, 0, slot * 10.0, spread, FPS, screens);
  }

  /** A plot's box in the screenshot, in pixels: {@code x0..x1} and {@code y0..y1}, inclusive. */
  record Box(int x0, int y0, int x1, int y1) {
    int width() {
      return x1 - x0 + 1;
    }

    int height() {
      return y1 - y0 + 1;
    }
  }

  /** The plot's fill, #f8f8f8, which nothing else on the page has. */
  private static boolean isFill(int rgb) {
    return (rgb & 0xffffff) == 0xf8f8f8;
  }

  /**
   * The plot boxes, top to bottom and left to right (the page's order): bands of rows where the
   * fill is, then within each band the runs of columns where it is. A line across a box takes a few
   * rows or columns of fill away; gaps that narrow are bridged.
   */
  static List<Box> plotBoxes(BufferedImage page) {
    int[] rowFill = new int[page.getHeight()];
    for (int y = 0; y < page.getHeight(); y++) {
      for (int x = 0; x < page.getWidth(); x++) {
        rowFill[y] += isFill(page.getRGB(x, y)) ? 1 : 0;
      }
    }
    List<Box> boxes = new ArrayList<>();
    for (int[] band : runs(page.getHeight(), y -> rowFill[y] >= 100, 6)) {
      int[] columnFill = new int[page.getWidth()];
      for (int x = 0; x < page.getWidth(); x++) {
        for (int y = band[0]; y <= band[1]; y++) {
          columnFill[x] += isFill(page.getRGB(x, y)) ? 1 : 0;
        }
      }
      for (int[] columns : runs(page.getWidth(), x -> columnFill[x] >= 20, 6)) {
        if (columns[1] - columns[0] >= 100) {
          boxes.add(new Box(columns[0], band[0], columns[1], band[1]));
        }
      }
    }
    return boxes;
  }

  /** Runs of indices where {@code in} holds, runs fewer than {@code bridge} apart joined. */
  private static List<int[]> runs(int size, IntPredicate in, int bridge) {
    List<int[]> runs = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      if (!in.test(i)) {
        continue;
      }
      if (!runs.isEmpty() && i - runs.get(runs.size() - 1)[1] <= bridge) {
        runs.get(runs.size() - 1)[1] = i;
      } else {
        runs.add(new int[] {i, i});
      }
    }
    return runs;
  }

  /**
   * Where a box's line is drawn: for each column of the box, the rows (from the box's top) that
   * have the line's blue (#1f6fb2, anti-aliased into the fill), or none.
   */
  record Line(int[] topRow, int[] bottomRow) {
    static Line in(BufferedImage page, Box box) {
      int[] top = new int[box.width()];
      int[] bottom = new int[box.width()];
      java.util.Arrays.fill(top, -1);
      java.util.Arrays.fill(bottom, -1);
      for (int x = box.x0(); x <= box.x1(); x++) {
        for (int y = box.y0(); y <= box.y1(); y++) {
          int rgb = page.getRGB(x, y);
          int r = (rgb >> 16) & 0xff;
          int g = (rgb >> 8) & 0xff;
          int b = rgb & 0xff;
          if (b - r >= 40 && b > g) {
            int column = x - box.x0();
            if (top[column] < 0) {
              top[column] = y - box.y0();
            }
            bottom[column] = y - box.y0();
          }
        }
      }
      return new Line(top, bottom);
    }

    int columnsDrawn() {
      return columnsDrawnIn(0, topRow.length);
    }

    /** Columns {@code from} (inclusive) to {@code to} (exclusive) with the line in them. */
    int columnsDrawnIn(int from, int to) {
      int drawn = 0;
      for (int x = Math.max(0, from); x < Math.min(to, topRow.length); x++) {
        drawn += topRow[x] >= 0 ? 1 : 0;
      }
      return drawn;
    }

    int top() {
      return java.util.Arrays.stream(topRow).filter(r -> r >= 0).min().orElse(-1);
    }

    int bottom() {
      return java.util.Arrays.stream(bottomRow).max().orElse(-1);
    }

    int topOfColumns(int from, int to) {
      int best = Integer.MAX_VALUE;
      for (int x = Math.max(0, from); x < Math.min(to, topRow.length); x++) {
        if (topRow[x] >= 0) {
          best = Math.min(best, topRow[x]);
        }
      }
      return best;
    }

    double middleRow() {
      return meanRow(0, topRow.length);
    }

    /** The line's mean row over columns {@code from} to {@code to} (exclusive). */
    double meanRow(int from, int to) {
      double sum = 0;
      int n = 0;
      for (int x = Math.max(0, from); x < Math.min(to, topRow.length); x++) {
        if (topRow[x] >= 0) {
          sum += (topRow[x] + bottomRow[x]) / 2.0;
          n++;
        }
      }
      return n == 0 ? Double.NaN : sum / n;
    }

    @Override
    public String toString() {
      return "line in " + columnsDrawn() + " columns, rows " + top() + " to " + bottom();
    }
  }

  /** A clock the test moves: the rounds of an hour, one per 10 s slot, in no time. */
  private static final class SteppedClock extends Clock {
    volatile Instant now;

    SteppedClock(Instant start) {
      this.now = start;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
