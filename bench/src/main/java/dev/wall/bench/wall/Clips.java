package dev.wall.bench.wall;

import dev.wall.player.testing.ClipCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The benchmark's clips, from the tests' {@link ClipCache} (made once by the repository's
 * media/generate/make-clip), copied into the folder the benchmark's layouts name: 320x180, a
 * different hue and label per screen, the same numbering; by default 30 fps and 20 s, and as a
 * {@link Show} asks (60 fps, playlist items numbered from 5000).
 */
public final class Clips {
  public static final int WIDTH = 320;
  public static final int HEIGHT = 180;
  public static final int FPS = Show.CLIPS_30.fps();
  public static final int SECONDS = Show.CLIPS_30.itemSeconds();
  public static final int FRAMES = FPS * SECONDS;

  private final Path dir;

  public Clips(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** The file name of a screen's clip (in {@link #dir()}), which carries the clip's parameters. */
  public static String fileName(String screen) {
    return fileName(screen, Show.CLIPS_30, 0);
  }

  /** The file name of item {@code item} of a screen's playlist in {@code show}. */
  public static String fileName(String screen, Show show, int item) {
    int first = show.firstFrames().get(item);
    return screen
        + "-"
        + WIDTH
        + "x"
        + HEIGHT
        + "-"
        + show.itemSeconds()
        + "s-"
        + show.fps()
        + "fps"
        + (first == 0 ? "" : "-from" + first)
        + show.source().suffix()
        + ".mp4";
  }

  /** Each screen's playlist in {@code show}: its clips' file names. */
  public static List<String> playlist(String screen, Show show) {
    List<String> names = new ArrayList<>();
    for (int item = 0; item < show.items(); item++) {
      names.add(fileName(screen, show, item));
    }
    return names;
  }

  /** The bezel gap between the tiles of the span video, in its pixels. */
  public static final int SPAN_GAP = 20;

  /** The span video of a grid of {@code columns} x {@code rows} screens, for {@code show}. */
  public static String spanFileName(int columns, int rows, Show show) {
    return "span-"
        + columns
        + "x"
        + rows
        + "-"
        + WIDTH
        + "x"
        + HEIGHT
        + "-gap"
        + SPAN_GAP
        + "-"
        + show.itemSeconds()
        + "s-"
        + show.fps()
        + "fps.mp4";
  }

  /**
   * Makes the span video of {@code columns} x {@code rows} bar-coded tiles, {@link #SPAN_GAP}
   * pixels of bezel between them, unless it is there.
   */
  public void ensureSpan(int columns, int rows, Show show) {
    ClipCache.copy(
        ClipCache.tiledSpan(columns, rows, WIDTH, HEIGHT, SPAN_GAP, show.itemSeconds(), show.fps()),
        dir,
        spanFileName(columns, rows, show));
  }

  /** Makes issue 5's clips that are not there yet. */
  public void ensure(List<String> screens) throws IOException, InterruptedException {
    ensure(screens, Show.CLIPS_30);
  }

  /** Makes the clips of {@code show} that are not there yet, two at a time (one per core). */
  public void ensure(List<String> screens, Show show) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    ExecutorService makers = Executors.newFixedThreadPool(2);
    try {
      List<Future<Void>> made = new ArrayList<>();
      for (int i = 0; i < screens.size(); i++) {
        String screen = screens.get(i);
        int hue = i * 360 / screens.size();
        for (int item = 0; item < show.items(); item++) {
          String name = fileName(screen, show, item);
          int first = show.firstFrames().get(item);
          if (!Files.isRegularFile(dir.resolve(name))) {
            made.add(
                makers.submit(
                    () -> {
                      make(screen, name, show, first, hue);
                      return null;
                    }));
          }
        }
      }
      for (Future<Void> clip : made) {
        try {
          clip.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
      }
    } finally {
      makers.shutdownNow();
    }
  }

  private void make(String screen, String name, Show show, int first, int hue) {
    Show.Source source = show.source();
    ClipCache.copy(
        ClipCache.barCoded(
            screen,
            source.width(),
            source.height(),
            show.itemSeconds(),
            show.fps(),
            hue,
            first,
            source.bitrate()),
        dir,
        name);
  }
}
