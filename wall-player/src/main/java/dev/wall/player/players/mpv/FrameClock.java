package dev.wall.player.players.mpv;

import java.util.OptionalDouble;

/**
 * The clip position between frames. mpv's {@code time-pos} only moves in whole frames; its change
 * events arrive as each frame is shown, but some arrive late (a busy machine, a reader thread that
 * was not scheduled). The position now is a shown frame's time plus the time since it came, at the
 * current rate. Each recent frame gives such a line; the median of them is taken, so neither a late
 * event nor an early one moves it. (Taking the least-late line instead let one early event, such as
 * a next frame announced as playback resumed, hold a player's estimate a frame ahead for a whole
 * loop: the pixel benchmark showed two screens a frame apart while their estimates agreed.) Never
 * more than two frames past the last frame seen, so a player that stalls shows as behind.
 */
final class FrameClock {
  private static final int WINDOW = 32;

  /** A frame this far off the line is a jump (a seek, a resume), not a late event. */
  private static final double JUMP_SECONDS = 0.1;

  private final double[] times = new double[WINDOW];
  private final long[] arrivals = new long[WINDOW];
  private int count;
  private int next;
  private double rate = 1.0;
  private double lastTime;
  private long lastArrival;

  /** Forgets the frames seen so far: after a seek, a pause or a new rate the line is new. */
  synchronized void restart(double newRate) {
    rate = newRate;
    count = 0;
    next = 0;
  }

  /**
   * A new rate while playing: the line bends here instead of starting over, so the position stays
   * as good as it was (a fresh start would fall back to the last whole frame for a moment).
   */
  synchronized void changeRate(double newRate, long nowNanos, double frameSeconds) {
    OptionalDouble now = at(nowNanos, frameSeconds);
    restart(newRate);
    if (now.isPresent()) {
      times[0] = now.getAsDouble();
      arrivals[0] = nowNanos;
      count = 1;
      next = 1;
      lastTime = now.getAsDouble();
      lastArrival = nowNanos;
    }
  }

  /**
   * A frame with clip time {@code time} came at {@code arrivalNanos} ({@link System#nanoTime()}).
   */
  synchronized void frame(double time, long arrivalNanos) {
    if (count > 0) {
      double expected = lastTime + rate * (arrivalNanos - lastArrival) / 1e9;
      if (time < lastTime || Math.abs(time - expected) > JUMP_SECONDS) {
        restart(rate);
      }
    }
    times[next] = time;
    arrivals[next] = arrivalNanos;
    next = (next + 1) % WINDOW;
    count = Math.min(count + 1, WINDOW);
    lastTime = time;
    lastArrival = arrivalNanos;
  }

  /** The clip position at {@code nowNanos}, or empty before the first frame. */
  synchronized OptionalDouble at(long nowNanos, double frameSeconds) {
    if (count == 0) {
      return OptionalDouble.empty();
    }
    double[] lines = new double[count];
    for (int i = 0; i < count; i++) {
      lines[i] = times[i] + rate * (nowNanos - arrivals[i]) / 1e9;
    }
    java.util.Arrays.sort(lines);
    double median =
        count % 2 == 1 ? lines[count / 2] : (lines[count / 2 - 1] + lines[count / 2]) / 2;
    return OptionalDouble.of(Math.min(median, lastTime + 2 * frameSeconds));
  }
}
