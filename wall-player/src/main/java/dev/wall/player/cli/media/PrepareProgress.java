package dev.wall.player.cli.media;

import dev.wall.player.media.MediaPreparer;
import dev.wall.player.media.TileJob;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How {@code wall media prepare} shows its encodes: on a terminal, a bar per file being encoded,
 * redrawn in place below the lines of the files done; otherwise (a log, a pipe) one line per file
 * when it is done, and nothing else.
 */
final class PrepareProgress implements MediaPreparer.Progress {
  private static final int BAR = 30;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintWriter out;
  private final boolean terminal;
  private final boolean playlist;
  private final Path dir;
  private final Map<TileJob, Integer> running = new LinkedHashMap<>();
  private final List<String> done = new ArrayList<>();
  private int barsShown;
  private long lastDrawn;

  PrepareProgress(PrintWriter out, boolean terminal, boolean playlist, Path dir) {
    this.out = out;
    this.terminal = terminal;
    this.playlist = playlist;
    this.dir = dir;
  }

  @Override
  public synchronized void started(TileJob job) {
    running.put(job, 0);
    draw(true);
  }

  @Override
  public synchronized void frames(TileJob job, int frames) {
    running.put(job, frames);
    draw(false);
  }

  @Override
  public synchronized void done(TileJob job, Path file, boolean encoded, double seconds) {
    running.remove(job);
    String name = dir.relativize(file).toString();
    done.add(
        encoded
            ? String.format(
                Locale.ROOT,
                "%s: encoded %s (%s) in %.1f s",
                job.label(playlist),
                name,
                job.describe(),
                seconds)
            : String.format(
                Locale.ROOT, "%s: unchanged, %s (%s)", job.label(playlist), name, job.describe()));
    draw(true);
  }

  /** Ends the display: the last lines written, no bar left. */
  synchronized void finish() {
    running.clear();
    draw(true);
  }

  private void draw(boolean now) {
    long time = System.nanoTime();
    if (!terminal) {
      done.forEach(out::println);
      done.clear();
      out.flush();
      return;
    }
    if (!now && time - lastDrawn < REDRAW_NANOS) {
      return;
    }
    lastDrawn = time;
    StringBuilder text = new StringBuilder();
    if (barsShown > 0) {
      text.append("\033[").append(barsShown).append("F\033[J"); // up to the first bar, clear
    }
    done.forEach(line -> text.append(line).append('\n'));
    done.clear();
    running.forEach((job, frames) -> text.append(bar(job, frames)).append('\n'));
    barsShown = running.size();
    out.print(text);
    out.flush();
  }

  private String bar(TileJob job, int frames) {
    double part = Math.min(1.0, (double) frames / job.frames());
    int filled = (int) Math.round(part * BAR);
    return String.format(
        Locale.ROOT,
        "%-24s [%s%s] %3d%% %d/%d frames",
        job.label(playlist),
        "#".repeat(filled),
        "-".repeat(BAR - filled),
        (int) Math.round(part * 100),
        Math.min(frames, job.frames()),
        job.frames());
  }
}
