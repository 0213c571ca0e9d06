package dev.wall.bench.wall;

import dev.wall.player.process.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The benchmark's clips, made once with the repository's media/generate/make-clip and kept in a
 * cache folder: 320x180, 30 fps, 20 s, a different hue and label per screen, the same numbering.
 */
public final class Clips {
  public static final int WIDTH = 320;
  public static final int HEIGHT = 180;
  public static final int FPS = 30;
  public static final int SECONDS = 20;
  public static final int FRAMES = FPS * SECONDS;
  private static final Duration MAKE_TIMEOUT = Duration.ofMinutes(3);

  private final Path makeClip;
  private final Path dir;
  private final int seconds;

  public Clips(Path makeClip, Path dir) {
    this(makeClip, dir, SECONDS);
  }

  /** Clips {@code seconds} long (the soak plays 1 s clips); the benchmark's are {@link #SECONDS}. */
  public Clips(Path makeClip, Path dir, int seconds) {
    this.makeClip = makeClip;
    this.dir = dir;
    this.seconds = seconds;
  }

  public Path dir() {
    return dir;
  }

  /** The file name of a screen's clip (in {@link #dir()}), which carries the clip's parameters. */
  public static String fileName(String screen) {
    return fileName(screen, SECONDS);
  }

  /** The same, for a clip {@code seconds} long. */
  public static String fileName(String screen, int seconds) {
    return screen + "-" + WIDTH + "x" + HEIGHT + "-" + seconds + "s-" + FPS + "fps.mp4";
  }

  /** Makes the clips that are not there yet, two at a time (one per core). */
  public void ensure(List<String> screens) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    ExecutorService makers = Executors.newFixedThreadPool(2);
    try {
      List<Future<Void>> made = new ArrayList<>();
      for (int i = 0; i < screens.size(); i++) {
        String screen = screens.get(i);
        int hue = i * 360 / screens.size();
        if (!Files.isRegularFile(dir.resolve(fileName(screen, seconds)))) {
          made.add(makers.submit(() -> {
            make(screen, hue);
            return null;
          }));
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

  private void make(String screen, int hue) throws IOException, InterruptedException {
    List<String> argv = List.of(makeClip.toString(), dir.resolve(fileName(screen, seconds)).toString(), screen,
        String.valueOf(WIDTH), String.valueOf(HEIGHT), String.valueOf(seconds), String.valueOf(FPS),
        String.valueOf(hue));
    Path log = dir.resolve("." + screen + ".make.log");
    try (ChildProcess make = ChildProcess.start("make-clip " + screen, argv, log, Map.of())) {
      int code = make.waitFor(MAKE_TIMEOUT).orElse(-1);
      if (code != 0) {
        throw new IOException("make-clip " + screen + " failed: " + String.join(" | ", make.lastLogLines(5)));
      }
    }
    Files.deleteIfExists(log);
  }
}
