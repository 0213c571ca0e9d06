package dev.wall.core.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Runs a wall by its opening hours: asleep (players stopped, displays off) outside them, awake and
 * playing from loop 1 from {@code wake} before each opening until the closing. The wall's own
 * supervision (restarts, backoff) lives inside {@link Wall#playUntil}; this only decides when.
 *
 * @param <R> how a run of the wall ended by itself (every loop played, or a failure)
 */
public final class ScheduledRun<R> {
  /** What the schedule drives. */
  public interface Wall<R> {
    /**
     * Displays on, then play from loop 1 until {@code closeAt} (empty: for good).
     *
     * @return empty when the schedule stopped it at {@code closeAt}; the wall's own end otherwise
     */
    Optional<R> playUntil(Optional<Instant> closeAt) throws InterruptedException;

    /** Players stopped and displays off, until the wall wakes; {@code label} is its status. */
    void sleep(String label, Optional<Instant> opensAt) throws InterruptedException;
  }

  private final OpeningHours hours;
  private final Duration wake;
  private final ScheduleClock clock;

  public ScheduledRun(OpeningHours hours, Duration wake, ScheduleClock clock) {
    this.hours = hours;
    this.wake = wake;
    this.clock = clock;
  }

  /** Runs until the wall ends by itself (a finite loop count, or a failure it does not survive). */
  public R run(Wall<R> wall) throws InterruptedException {
    while (true) {
      Instant now = clock.now();
      OpeningHours.Decision decision = hours.decide(now, wake);
      if (decision instanceof OpeningHours.Decision.Play play) {
        Optional<R> end = wall.playUntil(play.closeAt());
        if (end.isPresent()) {
          return end.get();
        }
      } else if (decision instanceof OpeningHours.Decision.Sleep sleep) {
        wall.sleep(hours.offLabel(now, sleep.opensAt()), sleep.opensAt());
        clock.awaitUntil(sleep.wakeAt(), () -> false);
      }
    }
  }
}
