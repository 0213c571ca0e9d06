package dev.wall.bench.sampling;

import dev.wall.bench.code.Picture;
import dev.wall.player.display.Screenshot;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A new ffmpeg for every screenshot (wall-player's {@link Screenshot}). Kept to compare against
 * {@link GrabStream}: starting a process per grab makes the rate and the grab instant depend on how
 * busy the machine is.
 */
public final class SingleGrabs implements DisplaySampler {
  private final String display;
  private final int width;
  private final int height;
  private final double rate;
  private final Path scratch;
  private Thread loop;
  private volatile boolean closing;

  public SingleGrabs(String display, int width, int height, double rate, Path scratch) {
    this.display = display;
    this.width = width;
    this.height = height;
    this.rate = rate;
    this.scratch = scratch;
  }

  @Override
  public void start(Consumer<Capture> sink) {
    loop = new Thread(() -> grabUntilClosed(sink), "single-grabs");
    loop.setDaemon(true);
    loop.start();
  }

  private void grabUntilClosed(Consumer<Capture> sink) {
    long period = (long) (1e9 / rate);
    long next = System.nanoTime();
    while (!closing) {
      long before = System.nanoTime();
      try {
        BufferedImage image = Screenshot.grab(display, width, height, scratch);
        long after = System.nanoTime();
        if (!closing) {
          sink.accept(
              new Capture(before + (after - before) / 2, (after - before) / 2, Picture.of(image)));
        }
      } catch (IOException e) {
        // A failed grab is a missing sample; the interval statistics show it.
      }
      next += period;
      long wait;
      while (!closing && (wait = next - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      if (next < System.nanoTime()) {
        next = System.nanoTime();
      }
    }
  }

  @Override
  public void close() {
    closing = true;
    if (loop != null) {
      try {
        loop.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "a new ffmpeg per screenshot, aiming at %.1f/s", rate);
  }
}
