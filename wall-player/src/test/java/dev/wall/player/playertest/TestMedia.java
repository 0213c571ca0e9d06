package dev.wall.player.playertest;

import dev.wall.player.testing.ClipCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The player tests' clips, from the {@link ClipCache}, copied into {@code target/test-media}
 * (readable by every user, so the unprivileged VLC user can open them too).
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
    Path dir =
        Path.of("target", "it-work", name + "-" + System.nanoTime() % 100000).toAbsolutePath();
    Files.createDirectories(dir);
    return dir;
  }

  /** A clip from media/generate/make-clip: frame numbers as a bar code in the top ninth. */
  public static Path barCoded(int width, int height, int seconds) throws IOException {
    return barCoded(width, height, seconds, 0);
  }

  /** The same, its frames numbered from {@code first}: a playlist's second item, say. */
  public static Path barCoded(int width, int height, int seconds, int first) throws IOException {
    String name =
        "bars-" + width + "x" + height + "-" + seconds + "s" + (first == 0 ? "" : "-from" + first);
    return ClipCache.copy(
        ClipCache.barCoded(name, width, height, seconds, FPS, 0, first), dir(), name + ".mp4");
  }

  /**
   * A still grid of 4 columns by 2 rows, each cell its own primary colour: column bit 0 is red,
   * column bit 1 is green, the row is blue. Span crops are checked against it.
   */
  public static Path grid(int width, int height, int seconds) throws IOException {
    String name = "grid-" + width + "x" + height + "-" + seconds + "s";
    return ClipCache.copy(ClipCache.grid(width, height, seconds, FPS), dir(), name + ".mp4");
  }

  /** The grid colour of a cell, as the {@link Frames#colourName} of its pixels. */
  public static String gridColour(int column, int row) {
    return Frames.colourName((column & 1) == 1, ((column >> 1) & 1) == 1, row == 1);
  }
}
