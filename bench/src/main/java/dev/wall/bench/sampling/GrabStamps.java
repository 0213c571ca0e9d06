package dev.wall.bench.sampling;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When ffmpeg grabbed each frame: its {@code showinfo} lines on stderr ({@code n: 12 pts:
 * 1795305587852896}, the wall clock in microseconds with {@code -copyts}), turned into {@link
 * System#nanoTime()} instants. Every other stderr line goes to the log.
 */
final class GrabStamps {
  private static final Pattern SHOWINFO = Pattern.compile("\\bn:\\s*(\\d+)\\s+pts:\\s*(-?\\d+)\\b");

  private final Map<Integer, Long> grabNanos = new ConcurrentHashMap<>();

  /** nanoTime minus the wall clock in nanoseconds, sampled once: a run lasts minutes. */
  private final long monotonicMinusWall;

  GrabStamps(long monotonicMinusWall) {
    this.monotonicMinusWall = monotonicMinusWall;
  }

  static GrabStamps reading(InputStream stderr, Path log) {
    GrabStamps stamps = new GrabStamps(monotonicMinusWall());
    Thread reader = new Thread(() -> stamps.read(stderr, log), "grab-stamps");
    reader.setDaemon(true);
    reader.start();
    return stamps;
  }

  /** Takes one stderr line: a frame's stamp, or false for a line that is not one. */
  boolean accept(String line) {
    Matcher m = SHOWINFO.matcher(line);
    if (!line.contains("showinfo") || !m.find()) {
      return false;
    }
    long wallMicros = Long.parseLong(m.group(2));
    grabNanos.put(Integer.parseInt(m.group(1)), wallMicros * 1000 + monotonicMinusWall);
    synchronized (this) {
      notifyAll();
    }
    return true;
  }

  /** Frame {@code n}'s grab instant, waiting up to {@code wait} for its line. */
  OptionalLong grabNanos(int n, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    synchronized (this) {
      Long nanos;
      while ((nanos = grabNanos.remove(n)) == null) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return OptionalLong.empty();
        }
        wait(Math.max(1, left / 1_000_000));
      }
      return OptionalLong.of(nanos);
    }
  }

  private void read(InputStream stderr, Path log) {
    try (BufferedReader lines =
            new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8));
        Writer out =
            Files.newBufferedWriter(
                log,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (!accept(line) && !line.contains("showinfo")) {
          out.write(line);
          out.write('\n');
          out.flush();
        }
      }
    } catch (IOException e) {
      // ffmpeg has gone; the frames reader notices too.
    }
  }

  private static long monotonicMinusWall() {
    Instant wall = Instant.now();
    long monotonic = System.nanoTime();
    return monotonic - (wall.getEpochSecond() * 1_000_000_000L + wall.getNano());
  }
}
