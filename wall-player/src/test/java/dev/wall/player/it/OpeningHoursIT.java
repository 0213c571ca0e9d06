package dev.wall.player.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Rect;
import dev.wall.player.cli.WallCli;
import dev.wall.player.display.VirtualDisplay;
import dev.wall.player.display.XWindows;
import dev.wall.player.testing.ClipCache;
import dev.wall.player.testing.HeadlessChromium;
import dev.wall.player.testing.Poll;
import dev.wall.player.testing.Quiet;
import dev.wall.player.testing.TestDisplay;
import dev.wall.player.testing.TestWall;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real 4-screen wall under Xvfb, run by opening hours that close 10 s after it starts and wake it
 * 20 s after: the players stop and their windows leave the X server, the displays are switched off
 * (Xvfb has no DPMS, and the wall says so), the status page says "off (schedule, opens Mon 18:01)",
 * then the windows come back and the wall plays from loop 1. The page is read by Debian's headless
 * Chromium, text and screenshot; a thumbnail comes from a screen's mpv; and a player killed while
 * its clip cannot be read shows as one amber "recovering" tile among three playing. The layout file
 * changed while the wall is closed (no job plays) is taken for the next start, not refused: the
 * wall wakes playing its new clip and loop count.
 */
@Quiet
class OpeningHoursIT {
  private static final Map<String, Rect> WINDOWS =
      new TreeMap<>(
          Map.of(
              "bl",
              new Rect(0, 180, 320, 180),
              "br",
              new Rect(320, 180, 320, 180),
              "tl",
              new Rect(0, 0, 320, 180),
              "tr",
              new Rect(320, 0, 320, 180)));

  /** Mon 30 March 2026, 17:59:50 in Paris: open until 18:00, then from 18:01, woken 50 s early. */
  private static final String PRETEND_NOW = "2026-03-30T17:59:50";

  private static final String SCHEDULE =
      """
      "schedule": {"timezone": "Europe/Paris", "wakeSeconds": 50, "displayPower": "x11",
        "open": [{"days": "Mon", "from": "09:00", "to": "18:00"}, {"days": "Mon", "from": "18:01", "to": "23:00"}]},
      """;
  private static final Pattern PAGE =
      Pattern.compile("status page at (http://127\\.0\\.0\\.1:\\d+/)");

  @TempDir Path dir;
  private VirtualDisplay display;
  private Thread wall;

  @BeforeEach
  void takeDisplay() throws Exception {
    display = TestDisplay.shared();
  }

  @AfterEach
  void stop() throws Exception {
    if (wall != null) {
      wall.interrupt();
      wall.join(20_000);
    }
  }

  private int wallWindows() throws Exception {
    return (int)
        XWindows.list(display.display(), dir).keySet().stream()
            .filter(t -> t.startsWith("wall:"))
            .count();
  }

  private static String get(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  void closesSleepsWakesAndPlaysFromLoopOne() throws Exception {
    Path layout = TestWall.write(dir, 0, 2, WINDOWS);
    Files.writeString(
        layout, Files.readString(layout).replace("\"player\":", SCHEDULE + "\"player\":"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AtomicInteger code = new AtomicInteger(-1);
    long start = System.nanoTime();
    wall =
        new Thread(
            () ->
                code.set(
                    WallCli.run(
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        "play",
                        layout.toString(),
                        "--display",
                        display.display(),
                        "--run-dir",
                        dir.resolve("run").toString(),
                        "--status-port",
                        "0",
                        "--pretend-now",
                        PRETEND_NOW)),
            "wall-play");
    wall.start();
    String page =
        Poll.until(
            Duration.ofSeconds(20),
            "the page's address",
            () -> {
              Matcher m = PAGE.matcher(out.toString());
              return m.find() ? m.group(1) : null;
            });

    // Open: four players on the X server.
    Poll.until(Duration.ofSeconds(10), "four wall windows while open", () -> wallWindows() == 4);

    // Closed at 18:00 (10 s in): every player window leaves the X server; displays off.
    Poll.until(
        Duration.ofSeconds(15), "the players to stop at the closing", () -> wallWindows() == 0);
    double closedAfter = (System.nanoTime() - start) / 1e9;
    assertTrue(closedAfter >= 9.5, "closed " + closedAfter + " s after start, not before 10");
    String powerOff =
        Poll.until(
            Duration.ofSeconds(10),
            "the display power answer at the closing",
            () -> {
              String text = out.toString();
              int closing = text.indexOf("wall: closing on schedule");
              return closing < 0
                  ? null
                  : text.substring(closing)
                      .lines()
                      .filter(l -> l.startsWith("wall: bl,br,tl,tr on localhost: "))
                      .findFirst()
                      .orElse(null);
            });
    // Read back from the X server: Xvfb has no DPMS, so the display cannot be switched and the wall
    // says so.
    assertEquals(
        "wall: bl,br,tl,tr on localhost: screen black, display left on (no display power here); xset failed: "
            + "the X server "
            + display.display()
            + " has no DPMS extension",
        powerOff);

    // A changed layout while closed (no job plays) is taken for the next start, not refused: a
    // new clip for tl and a loop count, saved as editors save (a file renamed onto it).
    ClipCache.into(dir, "tl-new", 320, 180, 2, 250);
    Path edited = dir.resolve(".wall.json.edit");
    Files.writeString(
        edited,
        Files.readString(layout)
            .replace("\"loops\": 0,", "\"loops\": 1000,")
            .replace("\"media\": \"tl.mp4\"", "\"media\": \"tl-new.mp4\""));
    Files.move(edited, layout, StandardCopyOption.ATOMIC_MOVE);
    String taken =
        Poll.until(
            Duration.ofSeconds(10),
            "the changed layout to be taken for the next start",
            () ->
                out.toString()
                    .lines()
                    .filter(l -> l.startsWith("wall: " + layout + " changed: "))
                    .findFirst()
                    .orElse(null));
    assertEquals(
        "wall: "
            + layout
            + " changed: reload: applied no job plays now; the next start plays "
            + layout
            + " as it is now",
        taken);
    String sinceClosing = out.toString().substring(out.toString().indexOf("wall: closing on"));
    assertFalse(sinceClosing.contains("wall: waking"), "taken while closed:\n" + out);

    String offJson = get(page + "status.json");
    assertTrue(
        offJson.contains("\"state\":\"off\",\"label\":\"off (schedule, opens Mon 18:01)\""),
        offJson);
    String offText = HeadlessChromium.dumpDom(page, dir);
    assertTrue(offText.contains("off (schedule, opens Mon 18:01)"), offText);
    assertEquals(4, offText.split("class=\"tile off\"", -1).length - 1, offText);
    String statusLine =
        Poll.until(
            Duration.ofSeconds(5),
            "wall status to say the wall is off",
            () -> {
              StringWriter said = new StringWriter();
              int exit =
                  WallCli.run(
                      new PrintWriter(said, true),
                      new PrintWriter(new StringWriter(), true),
                      "status",
                      "--run-dir",
                      dir.resolve("run").toString());
              String first = said.toString().lines().findFirst().orElse("");
              return exit == 0 && first.contains("off (") ? first : null;
            });
    assertTrue(
        statusLine.startsWith("wall on ")
            && statusLine.contains(": off (schedule, opens Mon 18:01), "),
        statusLine);
    assertTrue(wallWindows() == 0, "still closed while the page was read");

    // Woken at 18:00:10 (20 s in): the players come back and the wall plays from loop 1.
    Poll.until(Duration.ofSeconds(20), "four wall windows after waking", () -> wallWindows() == 4);
    double wokenAfter = (System.nanoTime() - start) / 1e9;
    assertTrue(wokenAfter >= 19.5, "woken " + wokenAfter + " s after start, not before 20");
    String afterWake =
        Poll.until(
            Duration.ofSeconds(20),
            "a loop after waking",
            () -> {
              String text = out.toString();
              String tail = text.substring(text.lastIndexOf("wall: waking"));
              return tail.lines().filter(l -> l.startsWith("loop ")).findFirst().orElse(null);
            });
    // The layout changed while closed plays from the start: its loop count, and tl's new clip.
    assertTrue(afterWake.startsWith("loop 1/1000: "), afterWake);
    Poll.until(
        Duration.ofSeconds(5),
        "tl's player on its new clip",
        () ->
            ProcessHandle.current()
                .descendants()
                .anyMatch(
                    p ->
                        p.info().command().orElse("").endsWith("mpv")
                            && p.info()
                                .commandLine()
                                .orElse("")
                                .contains(dir.resolve("tl-new.mp4").toString())));
    assertFalse(out.toString().contains("not taken"), out.toString());

    Path screenshot = dir.resolve("status-page.png");
    Poll.until(
        Duration.ofSeconds(10),
        "the page to show loop numbers",
        () -> get(page).contains("<td>1</td>") || get(page).contains("<td>2</td>"));
    HeadlessChromium.screenshot(page, screenshot, 1000, 760, dir);
    String playing = HeadlessChromium.dumpDom(page, dir);
    assertEquals(4, playing.split("class=\"tile playing\"", -1).length - 1, playing);
    assertTrue(
        playing.contains("Schedule: opens Mon 18:01"), playing); // awake early, for the opening
    Path kept = Path.of("target", "status-page.png");
    Files.copy(screenshot, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    BufferedImage picture = ImageIO.read(screenshot.toFile());
    assertEquals(
        4, tiles(picture, 0x2E8B57), "green tiles in the screenshot " + kept.toAbsolutePath());
    System.out.printf(
        "closed after %.1f s, woken after %.1f s; page screenshot in %s%n",
        closedAfter, wokenAfter, kept.toAbsolutePath());

    // A thumbnail on request, taken by the screen's own mpv.
    HttpResponse<byte[]> thumbnail =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(page + "screen/0.jpg"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, thumbnail.statusCode());
    assertEquals(
        320,
        ImageIO.read(new java.io.ByteArrayInputStream(thumbnail.body())).getWidth(),
        "the clip's own size");

    // One player killed while its clip cannot be read (a pipe nobody writes): its screen stays
    // recovering, and the page shows that one tile amber while the other three play.
    Path clip = dir.resolve("br.mp4");
    Files.move(clip, dir.resolve("br.mp4.away"));
    Process mkfifo = new ProcessBuilder("mkfifo", clip.toString()).start();
    assertEquals(0, mkfifo.waitFor());
    try {
      ProcessHandle mpv =
          ProcessHandle.current()
              .descendants()
              .filter(p -> p.info().commandLine().orElse("").contains(clip.toString()))
              .filter(p -> p.info().command().orElse("").endsWith("mpv"))
              .findFirst()
              .orElseThrow();
      mpv.destroyForcibly();
      Poll.until(
          Duration.ofSeconds(15),
          "the killed screen to read recovering",
          () ->
              get(page + "status.json")
                  .contains("\"name\":\"br\",\"host\":\"localhost\",\"state\":\"recovering\""));
      Path recovering = dir.resolve("status-page-recovering.png");
      HeadlessChromium.screenshot(page, recovering, 1000, 760, dir);
      String text = HeadlessChromium.dumpDom(page, dir);
      Files.copy(
          recovering,
          Path.of("target", "status-page-recovering.png"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      assertEquals(1, text.split("class=\"tile recovering\"", -1).length - 1, text);
      assertEquals(3, text.split("class=\"tile playing\"", -1).length - 1, text);
      assertTrue(
          text.contains("data-screen=\"br\"><rect")
              && text.contains("<td class=\"state recovering\">recovering</td>"),
          text);
      assertEquals(1, tiles(ImageIO.read(recovering.toFile()), 0xE0A020), "one amber tile");
      assertEquals(3, tiles(ImageIO.read(recovering.toFile()), 0x2E8B57), "three green tiles");
    } finally {
      Files.deleteIfExists(clip);
      Files.move(dir.resolve("br.mp4.away"), clip);
    }

    wall.interrupt();
    wall.join(20_000);
    assertTrue(!wall.isAlive(), "the wall stopped when interrupted");
    Poll.until(Duration.ofSeconds(10), "no player left", () -> wallWindows() == 0);
  }

  /**
   * Tiles of one colour in the picture: its connected areas of at least 2,000 pixels (the table's
   * coloured text makes only small ones; a tile's label is a hole in its area).
   */
  private static int tiles(BufferedImage picture, int rgb) {
    int w = picture.getWidth();
    int h = picture.getHeight();
    boolean[] seen = new boolean[w * h];
    int tiles = 0;
    java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>();
    for (int start = 0; start < w * h; start++) {
      if (seen[start] || (picture.getRGB(start % w, start / w) & 0xFFFFFF) != rgb) {
        continue;
      }
      int size = 0;
      seen[start] = true;
      todo.push(start);
      while (!todo.isEmpty()) {
        int p = todo.pop();
        size++;
        int x = p % w;
        int y = p / w;
        int[][] next = {{x + 1, y}, {x - 1, y}, {x, y + 1}, {x, y - 1}};
        for (int[] n : next) {
          if (n[0] >= 0 && n[0] < w && n[1] >= 0 && n[1] < h) {
            int q = n[1] * w + n[0];
            if (!seen[q] && (picture.getRGB(n[0], n[1]) & 0xFFFFFF) == rgb) {
              seen[q] = true;
              todo.push(q);
            }
          }
        }
      }
      tiles += size >= 2000 ? 1 : 0;
    }
    return tiles;
  }
}
