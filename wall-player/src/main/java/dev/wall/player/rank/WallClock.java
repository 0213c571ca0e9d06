package dev.wall.player.rank;

import java.util.concurrent.TimeUnit;

/**
 * Where the wall is, as this rank last heard it from rank 0, for a screen whose new player must
 * join it mid-loop: the wall's position at a round, and when that round was on this machine's
 * clock. Between rounds the wall moves at rate 1 (the median screen's learnt trim is zero).
 *
 * <p>Written by the rank's MPI thread after every round, read by the thread that recovers the
 * player, which may wait here for a moment it can join.
 */
final class WallClock {
  /**
   * A new player joins only with this much of the clip ahead of it; nearer the end it waits for the
   * seam.
   */
  static final double JOIN_BEFORE_END_SECONDS = 1.0;

  /**
   * When and where a new player joins.
   *
   * @param target the clip position to seek to, paused
   * @param releaseAtNanos when to release it, on {@link System#nanoTime()}: the wall is at {@code
   *     target} then
   * @param loopsDone in independent loop mode, the clip's loops already done at that moment
   */
  record Join(double target, long releaseAtNanos, int loopsDone) {}

  private final boolean independent;
  private double position = Double.NaN;
  private long atNanos;
  private boolean atSeam = true;
  private long version;

  /**
   * @param independent each clip loops on its own: positions are virtual (loops done times length,
   *     plus position)
   */
  WallClock(boolean independent) {
    this.independent = independent;
  }

  /**
   * The wall was at {@code wallPosition} at {@code nanos} (this rank's instant of that round), and
   * plays on.
   */
  synchronized void playing(double wallPosition, long nanos) {
    if (Double.isNaN(wallPosition)) {
      return;
    }
    position = wallPosition;
    atNanos = nanos;
    atSeam = false;
    version++;
    notifyAll();
  }

  /** The wall is ending its loop (or the whole run): no one joins until it is released again. */
  synchronized void atSeam() {
    atSeam = true;
    version++;
    notifyAll();
  }

  /**
   * Where a player of a clip {@code duration} long joins if it is released {@code leadSeconds} from
   * {@code now}; null while the wall is at a seam, or too near one for a join to be worth it (the
   * player then waits, paused on frame 0, and joins at the seam).
   */
  synchronized Join join(double duration, double leadSeconds, long now) {
    if (atSeam || Double.isNaN(position) || duration <= 0) {
      return null;
    }
    long releaseAt = now + (long) (leadSeconds * 1e9);
    double wall = position + (releaseAt - atNanos) / 1e9;
    if (independent) {
      int loopsDone = (int) Math.floor(wall / duration);
      return new Join(wall - loopsDone * duration, releaseAt, loopsDone);
    }
    if (wall < 0 || wall > duration - JOIN_BEFORE_END_SECONDS) {
      return null;
    }
    return new Join(wall, releaseAt, 0);
  }

  /** Waits up to {@code millis} for the clock to change (a round, a seam). */
  synchronized void awaitChange(long millis) throws InterruptedException {
    long seen = version;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (version == seen) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }
}
