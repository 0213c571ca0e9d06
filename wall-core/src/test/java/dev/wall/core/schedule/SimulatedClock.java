package dev.wall.core.schedule;

import java.time.Instant;
import java.util.function.BooleanSupplier;

/** A clock that jumps: every wait ends at once, at its deadline. */
final class SimulatedClock implements ScheduleClock {
  private Instant now;

  SimulatedClock(Instant start) {
    this.now = start;
  }

  @Override
  public Instant now() {
    return now;
  }

  @Override
  public boolean awaitUntil(Instant deadline, BooleanSupplier done) {
    if (done.getAsBoolean()) {
      return true;
    }
    if (deadline.isAfter(now)) {
      now = deadline;
    }
    return false;
  }
}
