package dev.wall.player.playertest;

import dev.wall.player.process.ChildProcess;
import dev.wall.player.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Test clips, made once per build into {@code target/test-media} (readable by every user, so the
 * unprivileged VLC user can open them too).
 */
public final class TestMedia {
  public static final int FPS = 30;

  private TestMedia() {}

  public static Path dir() throws IOException {
    Path dir = Path.of("target", "test-media").toAbsolutePath();
    Files.createDirectories(dir);
    return dir;
  }

  /** A folder for one test's sockets and logs, under target so that it stays short and readable. */
  public static Path workDir(String name) throws IOException {
    Path dir = Path.of("target", "it-work", name + "-" + System.nanoTime() % 100000).toAbsolutePath();
    Files.createDirectories(dir);
    return dir;
  }

  /** A clip from media/generate/make-clip: frame numbers as a bar code in the top ninth. */
  public static synchronized Path barCoded(int width, int height, int seconds) throws IOException {
    return barCoded(width, height, seconds, 0);
  }

  /** The same, its frames numbered from {@code first}: a playlist's second item, say. */
  public static synchronized Path barCoded(int width, int height, int seconds, int first) throws IOException {
    String name = "bars-" + width + "x" + height + "-" + seconds + "s" + (first == 0 ? "" : "-from" + first);
    Path clip = dir().resolve(name + ".mp4");
    if (!Files.exists(clip)) {
      run(List.of(Project.root().resolve("media/generate/make-clip").toString(), clip.toString(), name,
          Integer.toString(width), Integer.toString(height), Integer.toString(seconds), Integer.toString(FPS), "0",
          Integer.toString(first)), name);
    }
    return clip;
  }

  /**
   * A still grid of 4 columns by 2 rows, each cell its own primary colour: column bit 0 is red,
   * column bit 1 is green, the row is blue. Span crops are checked against it.
   */
  public static synchronized Path grid(int width, int height, int seconds) throws IOException {
    String name = "grid-" + width + "x" + height + "-" + seconds + "s";
    Path clip = dir().resolve(name + ".mp4");
    if (!Files.exists(clip)) {
      Path tmp = dir().resolve("." + name + ".tmp.mp4");
      String source = "color=c=black:s=" + width + "x" + height + ":r=" + FPS + ":d=" + seconds
          + ",format=rgb24,geq=r='255*mod(floor(X*4/W),2)':g='255*mod(floor(floor(X*4/W)/2),2)'"
          + ":b='255*floor(Y*2/H)'";
      run(List.of("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", source,
          "-c:v", "libx264", "-preset", "veryfast", "-crf", "10", "-pix_fmt", "yuv420p", tmp.toString()), name);
      Files.move(tmp, clip, StandardCopyOption.ATOMIC_MOVE);
    }
    return clip;
  }

  /** The grid colour of a cell, as the {@link Frames#colourName} of its pixels. */
  public static String gridColour(int column, int row) {
    return Frames.colourName((column & 1) == 1, ((column >> 1) & 1) == 1, row == 1);
  }

  private static void run(List<String> argv, String name) throws IOException {
    Path log = dir().resolve(name + ".make.log");
    try (ChildProcess make = ChildProcess.start("make " + name, argv, log, Map.of())) {
      if (make.waitFor(Duration.ofSeconds(180)).orElse(-1) != 0) {
        throw new IOException("making " + name + " failed: " + make.lastLogLines(5));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted making " + name, e);
    }
  }
}
