package dev.wall.core.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Time for the schedule: every decision of the schedule reads {@link #now}, and every wait goes
 * through {@link #awaitUntil}, so tests run a week in milliseconds on a simulated clock.
 */
public interface ScheduleClock {
  Instant now();

  /**
   * Waits until {@code deadline}, or until {@code done} turns true, whichever comes first.
   *
   * @return whether {@code done} turned true
   */
  boolean awaitUntil(Instant deadline, BooleanSupplier done) throws InterruptedException;

  /**
   * The system clock. It waits in short steps and reads the clock again after each, so that a clock
   * set at boot (a Pi has no real-time clock: it learns the time from the network) or by NTP moves
   * the wall's plans with it.
   */
  static ScheduleClock system() {
    return new System(Clock.systemUTC(), Duration.ofMillis(200));
  }

  /**
   * The system clock moved by {@code offset}: a rehearsal of the schedule ({@code wall play
   * --pretend-now}), where time runs at its real pace from a chosen instant.
   */
  static ScheduleClock shifted(Duration offset) {
    return new System(Clock.offset(Clock.systemUTC(), offset), Duration.ofMillis(200));
  }

  /** The real clock, polled every {@code step}. */
  record System(Clock clock, Duration step) implements ScheduleClock {
    @Override
    public Instant now() {
      return clock.instant();
    }

    @Override
    public boolean awaitUntil(Instant deadline, BooleanSupplier done) throws InterruptedException {
      while (true) {
        if (done.getAsBoolean()) {
          return true;
        }
        Duration left = Duration.between(now(), deadline);
        if (left.isNegative() || left.isZero()) {
          return false;
        }
        Thread.sleep(Math.max(1, Math.min(step.toMillis(), left.toMillis())));
      }
    }
  }
}
