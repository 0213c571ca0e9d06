package dev.wall.bench;

import dev.wall.bench.code.FrameCode;
import dev.wall.bench.code.TileReading;
import dev.wall.bench.sampling.GrabStream;
import dev.wall.bench.wall.BenchLayout;
import dev.wall.bench.wall.Clips;
import dev.wall.bench.wall.Show;
import dev.wall.core.layout.Audio;
import dev.wall.core.layout.Rect;
import dev.wall.player.display.VirtualDisplay;
import dev.wall.player.players.PlayerException;
import dev.wall.player.players.PlayerSpec;
import dev.wall.player.players.mpv.MpvOptions;
import dev.wall.player.players.mpv.MpvPlayer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * How mpv goes from one playlist item to the next, measured from pixels: one window plays a 2-item
 * playlist (item 1's frames numbered 0.., item 2's 5000..), and a fast screenshot stream records
 * how long item 1's last frame stays up and whether anything unreadable (black) shows before item
 * 2's first frame. Three ways: one EDL timeline, which plays straight through; and, as a wall does
 * it item by item, item 1 held on its last frame, then item 2 loaded paused and released, from
 * mpv's playlist with the next file opened early (preloaded), or by {@code loadfile} (a reload).
 */
final class Transitions {
  private static final int WIDTH = Clips.WIDTH;
  private static final int HEIGHT = Clips.HEIGHT;

  /** Screenshots a second: about 3 a frame at 30 fps. */
  private static final double GRAB_RATE = 100;

  private static final Show SHOW = new Show(30, 2, List.of(0, 5000), false, 0);
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  /** The three ways, as the table names them. */
  enum Method {
    EDL("one EDL timeline"),
    PRELOADED("item by item, next file preloaded"),
    RELOAD("item by item, loadfile");

    final String title;

    Method(String title) {
      this.title = title;
    }
  }

  /**
   * One transition as the screenshots saw it.
   *
   * @param lastFrameMs how long item 1's last frame was on screen
   * @param unreadable screenshots between item 1's last frame and item 2's first showing neither
   * @param firstFrameMs how long item 2's first frame was on screen
   */
  record Seen(double lastFrameMs, int unreadable, double firstFrameMs) {}

  private final Clips clips;
  private final Path outDir;
  private final PrintStream out;

  Transitions(Clips clips, Path outDir, PrintStream out) {
    this.clips = clips;
    this.outDir = outDir;
    this.out = out;
  }

  /** Runs every method {@code runs} times; returns the table. */
  String run(int runs) throws IOException, InterruptedException {
    clips.ensure(List.of("s1"), SHOW);
    StringBuilder table =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "Playlist transitions in mpv, %d runs each, one 320x180 window, %d fps (a frame is %.1f ms),"
                    + " screenshots at %.0f/s%n%n",
                runs,
                SHOW.fps(),
                1000.0 / SHOW.fps(),
                GRAB_RATE));
    table.append(
        "| method | last frame of item 1 up, ms (median, max) | frames held (median, max) |"
            + " unreadable screenshots (total) | first frame of item 2 up, ms (median) |\n");
    table.append("| --- | --- | --- | --- | --- |\n");
    for (Method method : Method.values()) {
      List<Seen> seen = new ArrayList<>();
      for (int run = 1; run <= runs; run++) {
        Seen one =
            measure(method, outDir.resolve(method.name().toLowerCase(Locale.ROOT) + "-" + run));
        out.printf(
            Locale.ROOT,
            "transitions: %s, run %d: last frame %.0f ms, %d unreadable, first frame %.0f ms%n",
            method.title,
            run,
            one.lastFrameMs(),
            one.unreadable(),
            one.firstFrameMs());
        seen.add(one);
      }
      double[] last = seen.stream().mapToDouble(Seen::lastFrameMs).sorted().toArray();
      double frame = 1000.0 / SHOW.fps();
      table.append(
          String.format(
              Locale.ROOT,
              "| %s | %.0f, %.0f | %.1f, %.1f | %d | %.0f |%n",
              method.title,
              median(last),
              last[last.length - 1],
              Math.max(0, median(last) / frame - 1),
              Math.max(0, last[last.length - 1] / frame - 1),
              seen.stream().mapToInt(Seen::unreadable).sum(),
              median(seen.stream().mapToDouble(Seen::firstFrameMs).sorted().toArray())));
    }
    return table.toString();
  }

  private Seen measure(Method method, Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    List<long[]> readings = new ArrayList<>();
    FrameCode code = FrameCode.forClip(WIDTH, HEIGHT);
    Rect tile = new Rect(0, 0, WIDTH, HEIGHT);
    try (VirtualDisplay display =
            VirtualDisplay.start(WIDTH, HEIGHT, dir.resolve("xvfb"), TIMEOUT);
        GrabStream grabs =
            new GrabStream(
                display.display(), WIDTH, HEIGHT, GRAB_RATE, dir.resolve("ffmpeg.log"))) {
      grabs.start(
          capture -> {
            TileReading reading = code.read(capture.picture(), tile);
            int frame = reading.isDecoded() ? SHOW.loopFrame(reading.frame()) : -1;
            synchronized (readings) {
              readings.add(new long[] {capture.nanos(), frame});
            }
          });
      MpvPlayer player =
          new MpvPlayer(
              spec(method, display.display(), dir),
              new MpvOptions(
                  "mpv",
                  null,
                  null,
                  null,
                  method == Method.RELOAD
                      ? MpvOptions.ItemLoad.RELOAD
                      : MpvOptions.ItemLoad.PRELOADED));
      try {
        player.prepare(TIMEOUT);
        player.release();
        if (method == Method.EDL) {
          awaitEnd(player, Duration.ofSeconds(SHOW.itemSeconds() * 2L + 5));
        } else {
          awaitEnd(player, Duration.ofSeconds(SHOW.itemSeconds() + 5));
          player.pause();
          player.showStep(1, TIMEOUT);
          player.release();
          awaitEnd(player, Duration.ofSeconds(SHOW.itemSeconds() + 5));
        }
        LockSupport.parkNanos(Duration.ofMillis(300).toNanos()); // the stream's last frames
      } catch (PlayerException e) {
        throw new IOException(method.title + ": " + e.getMessage(), e);
      } finally {
        player.stop();
      }
    }
    synchronized (readings) {
      return seen(readings, SHOW.itemFrames());
    }
  }

  /** Reads one transition from the readings: {@code [nanos, loop frame or -1]} in order. */
  static Seen seen(List<long[]> readings, int itemFrames) {
    int last = itemFrames - 1;
    long lastUp = -1;
    long lastGone = -1;
    long firstUp = -1;
    long firstGone = -1;
    int unreadable = 0;
    for (long[] r : readings) {
      int frame = (int) r[1];
      if (frame == last && lastUp < 0) {
        lastUp = r[0];
      } else if (lastUp >= 0 && lastGone < 0 && frame != last) {
        lastGone = r[0];
      }
      if (lastGone >= 0 && firstUp < 0 && frame < 0) {
        unreadable++;
      }
      if (frame == itemFrames && firstUp < 0) {
        firstUp = r[0];
      } else if (firstUp >= 0 && firstGone < 0 && frame != itemFrames) {
        firstGone = r[0];
      }
    }
    return new Seen(ms(lastUp, lastGone), unreadable, ms(firstUp, firstGone));
  }

  private static double ms(long from, long to) {
    return from < 0 || to < 0 ? Double.NaN : (to - from) / 1e6;
  }

  private PlayerSpec spec(Method method, String display, Path dir) {
    List<Path> items =
        Clips.playlist("s1", SHOW).stream().map(name -> clips.dir().resolve(name)).toList();
    return new PlayerSpec(
        "s1",
        items,
        new Rect(0, 0, WIDTH, HEIGHT),
        0,
        null,
        Audio.NONE,
        List.of(BenchLayout.X11_OUTPUT),
        dir,
        Map.of("DISPLAY", display),
        method == Method.EDL);
  }

  private static void awaitEnd(MpvPlayer player, Duration timeout) throws PlayerException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!player.reachedEnd()) {
      if (System.nanoTime() > deadline) {
        throw new PlayerException("the item did not end within " + timeout);
      }
      LockSupport.parkNanos(2_000_000);
    }
  }

  private static double median(double[] sorted) {
    double[] values = Arrays.stream(sorted).filter(v -> !Double.isNaN(v)).sorted().toArray();
    if (values.length == 0) {
      return Double.NaN;
    }
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }
}
