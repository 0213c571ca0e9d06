package dev.wall.player.control.events;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What is waiting for one target, and the thread that sends it, in order. The wall never waits on
 * it: {@link #offer} takes the item at once, and when {@code capacity} items already wait it drops
 * the oldest and counts it. A failed send is tried again after 1, 2, 4 ... s, up to {@code
 * attempts} in all, then given up and counted; a target that answers "never" ({@link
 * Sender.Refused}) is not tried again for that item.
 *
 * @param <T> what is sent
 */
public final class Outbox<T> implements AutoCloseable {
  /** Sends one item, or fails. */
  @FunctionalInterface
  public interface Sender<T> {
    void send(T item) throws Exception;
  }

  /** A target that will never take this item (an HTTP 4xx other than 408 and 429). */
  public static final class Refused extends Exception {
    public Refused(String why) {
      super(why);
    }
  }

  /** How it went so far. */
  public record Stats(
      long delivered, long retried, long dropped, long failed, int waiting, String lastFailure) {}

  private final String name;
  private final Sender<T> sender;
  private final int capacity;
  private final int attempts;
  private final Duration firstRetry;
  private final ArrayDeque<T> waiting = new ArrayDeque<>();
  private final Thread thread;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile String lastFailure;
  private boolean closed;

  public Outbox(String name, Sender<T> sender, int capacity, int attempts, Duration firstRetry) {
    this.name = name;
    this.sender = sender;
    this.capacity = capacity;
    this.attempts = attempts;
    this.firstRetry = firstRetry;
    this.thread = new Thread(this::run, "events-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  /** The target, as the log names it. */
  public String name() {
    return name;
  }

  /** Queues {@code item}; never blocks. */
  public void offer(T item) {
    synchronized (this) {
      if (closed) {
        return;
      }
      if (waiting.size() >= capacity) {
        waiting.pollFirst();
        dropped.incrementAndGet();
      }
      waiting.addLast(item);
      notifyAll();
    }
  }

  public synchronized Stats stats() {
    return new Stats(
        delivered.get(), retried.get(), dropped.get(), failed.get(), waiting.size(), lastFailure);
  }

  private void run() {
    while (true) {
      T item;
      synchronized (this) {
        while (waiting.isEmpty() && !closed) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (closed) {
          return;
        }
        item = waiting.peekFirst();
      }
      boolean sent = deliver(item);
      synchronized (this) {
        // It may have been dropped meanwhile as the oldest: take it out only if still there.
        if (!waiting.isEmpty() && waiting.peekFirst() == item) {
          waiting.pollFirst();
        }
        notifyAll(); // for drain
      }
      if (sent) {
        delivered.incrementAndGet();
      } else {
        failed.incrementAndGet();
      }
    }
  }

  private boolean deliver(T item) {
    long wait = firstRetry.toMillis();
    for (int attempt = 1; ; attempt++) {
      try {
        sender.send(item);
        return true;
      } catch (Refused e) {
        lastFailure = e.getMessage();
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } catch (Exception e) {
        lastFailure = e.toString();
        if (attempt >= attempts) {
          return false;
        }
      }
      retried.incrementAndGet();
      synchronized (this) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(wait);
        while (!closed) {
          long left = until - System.nanoTime();
          if (left <= 0) {
            break;
          }
          try {
            TimeUnit.NANOSECONDS.timedWait(this, left);
          } catch (InterruptedException e) {
            return false;
          }
        }
        if (closed) {
          return false;
        }
      }
      wait = Math.min(wait * 2, 30_000);
    }
  }

  /**
   * Waits until every item offered so far has been sent or given up (the one being sent counts as
   * waiting), or until {@code deadlineNanos} ({@link System#nanoTime}), whichever comes first: what
   * the wall does before it exits, so that its last events go out. A retry's wait is not cut short:
   * a target that fails keeps its items past the deadline.
   *
   * @return how many items still wait
   */
  public int drain(long deadlineNanos) throws InterruptedException {
    synchronized (this) {
      while (!waiting.isEmpty() && !closed) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          break;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      return waiting.size();
    }
  }

  /** Stops sending; what still waits is dropped. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
