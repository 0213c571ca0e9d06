package dev.wall.player.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/** Waits for a condition by polling against a deadline: never a fixed sleep. */
public final class Poll {
  private Poll() {}

  public static <T> T until(Duration timeout, String what, Callable<T> probe) throws Exception {
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
      LockSupport.parkNanos(20_000_000);
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
