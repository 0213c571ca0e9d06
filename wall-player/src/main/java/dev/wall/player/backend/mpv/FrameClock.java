package dev.wall.player.backend.mpv;

import java.util.OptionalDouble;

/**
 * The clip position between frames. mpv's {@code time-pos} only moves in whole frames; its change
 * events arrive as each frame is shown, but some arrive late (a busy machine, a reader thread that
 * was not scheduled). The position now is a shown frame's time plus the time since it came, at the
 * current rate. Of the recent frames, the one that came least late anchors that line, so one late
 * event does not drag the position back. Never more than two frames past the last frame seen (the
 * next frame may be on screen while its event is still on the way), so a player that stalls shows
 * as behind.
 */
final class FrameClock {
  private static final int WINDOW = 32;
  /** A frame this far off the line is a jump (a seek, a resume), not a late event. */
  private static final double JUMP_SECONDS = 0.25;

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

  /** A frame with clip time {@code time} came at {@code arrivalNanos} ({@link System#nanoTime()}). */
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
    double best = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < count; i++) {
      best = Math.max(best, times[i] + rate * (nowNanos - arrivals[i]) / 1e9);
    }
    return OptionalDouble.of(Math.min(best, lastTime + 2 * frameSeconds));
  }
}
