package dev.wall.player.display;

import dev.wall.player.process.ChildProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * An Xvfb server of our own. Xvfb picks a free display number and writes it to a pipe we give it
 * ({@code -displayfd}); we read it from a file instead, so no pipe needs draining.
 */
public final class VirtualDisplay implements AutoCloseable {
  private final ChildProcess xvfb;
  private final String display;
  private final int width;
  private final int height;

  private VirtualDisplay(ChildProcess xvfb, String display, int width, int height) {
    this.xvfb = xvfb;
    this.display = display;
    this.width = width;
    this.height = height;
  }

  public static VirtualDisplay start(int width, int height, Path workDir, Duration timeout)
      throws IOException {
    Files.createDirectories(workDir);
    Path numberFile = Files.createTempFile(workDir, "xvfb-display", ".txt");
    // -displayfd 1: Xvfb prints its display number on stdout, which ChildProcess sends to a file.
    List<String> argv =
        List.of(
            "Xvfb",
            "-displayfd",
            "1",
            "-screen",
            "0",
            width + "x" + height + "x24",
            "-nolisten",
            "tcp",
            "-noreset");
    ChildProcess xvfb = ChildProcess.start("Xvfb", argv, numberFile, Map.of());
    String number = awaitDisplayNumber(xvfb, numberFile, timeout);
    return new VirtualDisplay(xvfb, ":" + number, width, height);
  }

  private static String awaitDisplayNumber(ChildProcess xvfb, Path file, Duration timeout)
      throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.strip().matches("\\d+")) {
          return line.strip();
        }
      }
      if (!xvfb.isAlive()) {
        throw new IOException("Xvfb exited: " + String.join(" | ", xvfb.lastLogLines(5)));
      }
      LockSupport.parkNanos(20_000_000);
    }
    xvfb.stop(Duration.ofSeconds(1));
    throw new IOException("Xvfb did not report a display within " + timeout);
  }

  /** The DISPLAY value, such as {@code :5}. */
  public String display() {
    return display;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  @Override
  public void close() {
    xvfb.stop(Duration.ofSeconds(2));
  }
}
