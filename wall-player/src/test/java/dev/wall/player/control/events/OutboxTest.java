package dev.wall.player.control.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What an outbox sends before the wall exits: what waits, within a deadline, and no longer. */
class OutboxTest {

  @Test
  void drainSendsEverythingOfferedBeforeItReturns() throws Exception {
    List<String> sent = new CopyOnWriteArrayList<>();
    try (Outbox<String> outbox =
        new Outbox<>(
            "slow",
            item -> {
              TimeUnit.MILLISECONDS.sleep(100);
              sent.add(item);
            },
            16,
            1,
            Duration.ofMillis(10))) {
      outbox.offer("loop-started");
      outbox.offer("node-lost");
      outbox.offer("alert");
      int left = outbox.drain(System.nanoTime() + Duration.ofSeconds(5).toNanos());
      assertEquals(0, left);
      assertEquals(List.of("loop-started", "node-lost", "alert"), sent);
    }
  }

  @Test
  void drainGivesUpAtItsDeadlineOnATargetThatDoesNotAnswer() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    try (Outbox<String> outbox =
        new Outbox<>("dead", item -> never.await(), 16, 1, Duration.ZERO)) {
      outbox.offer("one");
      outbox.offer("two");
      long start = System.nanoTime();
      int left = outbox.drain(start + Duration.ofMillis(300).toNanos());
      double waited = (System.nanoTime() - start) / 1e9;
      assertEquals(2, left, "the one being sent counts as waiting");
      assertTrue(waited >= 0.29 && waited < 2, "waited " + waited + " s");
    }
  }
}
