package dev.wall.player.testing;

import dev.wall.player.display.VirtualDisplay;
import dev.wall.player.display.XWindows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The test JVM's one X server: an Xvfb of {@value #WIDTH}x{@value #HEIGHT}, large enough for every
 * test's windows (the demo wall's four 640x360 ones), started on first use and stopped with the JVM
 * (its process is a {@code ChildProcess}, which the shutdown hook stops). Tests share it one after
 * another: each takes it with {@link #shared}, which first waits until no window of an earlier test
 * is left on it, and never closes it.
 */
public final class TestDisplay {
  public static final int WIDTH = 1280;
  public static final int HEIGHT = 720;
  private static final Duration START = Duration.ofSeconds(20);

  /** A player stopped by the previous test may take a moment to leave the server. */
  private static final Duration LEFTOVERS = Duration.ofSeconds(10);

  private static VirtualDisplay display;
  private static Path scratch;

  private TestDisplay() {}

  /** The display, with no window on it. */
  public static synchronized VirtualDisplay shared() throws Exception {
    if (display == null) {
      Path work = Files.createDirectories(Path.of("target", "it-work").toAbsolutePath());
      scratch = Files.createTempDirectory(work, "display");
      display = VirtualDisplay.start(WIDTH, HEIGHT, scratch, START);
    }
    String name = display.display();
    try {
      Poll.until(
          LEFTOVERS,
          Duration.ofMillis(100),
          "no window left on " + name,
          () -> XWindows.list(name, scratch).isEmpty());
    } catch (AssertionError e) {
      throw new AssertionError(
          "windows an earlier test left on " + name + ": " + XWindows.list(name, scratch).keySet(),
          e);
    }
    return display;
  }
}
