package dev.wall.core.comm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class InProcessGroupTest {
  private static final Duration WITHIN = Duration.ofSeconds(10);

  private static <T> List<T> onEveryRank(int size, Function<Communicator, T> body)
      throws Exception {
    InProcessGroup group = new InProcessGroup(size);
    ExecutorService pool = Executors.newFixedThreadPool(size);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Communicator rank : group.ranks()) {
        futures.add(pool.submit(() -> body.apply(rank)));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void barrierHoldsEveryRankUntilTheLastArrives() throws Exception {
    AtomicInteger arrived = new AtomicInteger();
    List<Integer> seenAfterBarrier =
        onEveryRank(
            4,
            comm -> {
              arrived.incrementAndGet();
              comm.barrier(WITHIN);
              return arrived.get();
            });
    assertEquals(List.of(4, 4, 4, 4), seenAfterBarrier);
  }

  @Test
  void broadcastDeliversTheRootsMessageToEveryRank() throws Exception {
    List<String> received =
        onEveryRank(
            3,
            comm -> {
              byte[] mine = ("from " + comm.rank()).getBytes(StandardCharsets.UTF_8);
              return new String(comm.broadcast(mine, 1, WITHIN), StandardCharsets.UTF_8);
            });
    assertEquals(List.of("from 1", "from 1", "from 1"), received);
  }

  @Test
  void gatherCollectsMessagesInRankOrderOnTheRootOnly() throws Exception {
    List<List<byte[]>> gathered =
        onEveryRank(3, comm -> comm.gather(new byte[] {(byte) comm.rank()}, 0, WITHIN));
    assertEquals(3, gathered.get(0).size());
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(new byte[] {(byte) i}, gathered.get(0).get(i));
    }
    assertTrue(gathered.get(1).isEmpty());
    assertTrue(gathered.get(2).isEmpty());
  }

  @Test
  void aRankThatNeverArrivesBreaksTheCollectiveAndTheRootNamesIt() throws Exception {
    InProcessGroup group = new InProcessGroup(3);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<CollectiveTimeout> root =
          pool.submit(
              () ->
                  assertThrows(
                      CollectiveTimeout.class,
                      () -> group.rank(0).gather(new byte[1], 0, Duration.ofMillis(300))));
      Future<CollectiveTimeout> other =
          pool.submit(
              () ->
                  assertThrows(
                      CollectiveTimeout.class,
                      () -> group.rank(1).gather(new byte[1], 0, Duration.ofMillis(300))));
      assertEquals(List.of(2), root.get().missing(), "rank 2 never came");
      assertEquals("gather", root.get().collective());
      assertEquals("gather: no word from rank 2 within 0.3 s", root.get().getMessage());
      assertEquals(
          List.of(0),
          other.get().missing(),
          "a rank that is not the root only knows the root did not answer");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void repeatedCollectivesDoNotMixUpRounds() throws Exception {
    List<String> last =
        onEveryRank(
            4,
            comm -> {
              String value = "";
              for (int round = 0; round < 50; round++) {
                byte[] message = (round + ":" + comm.rank()).getBytes(StandardCharsets.UTF_8);
                value =
                    new String(comm.broadcast(message, round % 4, WITHIN), StandardCharsets.UTF_8);
              }
              return value;
            });
    assertEquals(List.of("49:1", "49:1", "49:1", "49:1"), last);
  }

  @Test
  void anEmptyGroupIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new InProcessGroup(0));
  }
}
