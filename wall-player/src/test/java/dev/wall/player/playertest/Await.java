package dev.wall.player.playertest;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/** Waits for a condition by polling against a deadline, never by a fixed sleep. */
public final class Await {
  private Await() {}

  /** Polls {@code probe} until it gives a value that is neither null nor false. */
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
      LockSupport.parkNanos(10_000_000);
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
