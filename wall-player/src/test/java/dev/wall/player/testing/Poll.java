package dev.wall.player.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/** Waits for a condition by polling against a deadline: never a fixed sleep. */
public final class Poll {
  private Poll() {}

  public static <T> T until(Duration timeout, String what, Callable<T> probe) throws Exception {
    return until(timeout, Duration.ofMillis(20), what, probe);
  }

  /** The same, probing every {@code period}: for a probe that is itself a process or two. */
  public static <T> T until(Duration timeout, Duration period, String what, Callable<T> probe)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        T value = probe.call();
        if (value != null && !Boolean.FALSE.equals(value)) {
          return value;
        }
      } catch (Exception e) {
        last = e;
      }
      LockSupport.parkNanos(period.toNanos());
    }
    throw new AssertionError("timed out after " + timeout + " waiting for " + what, last);
  }

  /** Checks {@code check} again and again until {@code period} is over: a state that must hold. */
  public static void holds(Duration period, Callable<?> check) throws Exception {
    long end = System.nanoTime() + period.toNanos();
    do {
      check.call();
    } while (System.nanoTime() < end);
  }
}
