package dev.wall.core.comm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class InProcessGroupTest {

  private static <T> List<T> onEveryRank(int size, Function<Communicator, T> body) throws Exception {
    InProcessGroup group = new InProcessGroup(size, 10_000);
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
    List<Integer> seenAfterBarrier = onEveryRank(4, comm -> {
      arrived.incrementAndGet();
      comm.barrier();
      return arrived.get();
    });
    assertEquals(List.of(4, 4, 4, 4), seenAfterBarrier);
  }

  @Test
  void broadcastDeliversTheRootsMessageToEveryRank() throws Exception {
    List<String> received = onEveryRank(3, comm -> {
      byte[] mine = ("from " + comm.rank()).getBytes(StandardCharsets.UTF_8);
      return new String(comm.broadcast(mine, 1), StandardCharsets.UTF_8);
    });
    assertEquals(List.of("from 1", "from 1", "from 1"), received);
  }

  @Test
  void gatherCollectsMessagesInRankOrderOnTheRootOnly() throws Exception {
    List<List<byte[]>> gathered = onEveryRank(3, comm -> comm.gather(new byte[] {(byte) comm.rank()}, 0));
    assertEquals(3, gathered.get(0).size());
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(new byte[] {(byte) i}, gathered.get(0).get(i));
    }
    assertTrue(gathered.get(1).isEmpty());
    assertTrue(gathered.get(2).isEmpty());
  }

  @Test
  void aRankThatNeverArrivesBreaksTheCollective() {
    InProcessGroup group = new InProcessGroup(2, 200);
    Communicator lonely = group.rank(0);
    assertThrows(CommunicatorException.class, lonely::barrier);
  }

  @Test
  void repeatedCollectivesDoNotMixUpRounds() throws Exception {
    List<String> last = onEveryRank(4, comm -> {
      String value = "";
      for (int round = 0; round < 50; round++) {
        byte[] message = (round + ":" + comm.rank()).getBytes(StandardCharsets.UTF_8);
        value = new String(comm.broadcast(message, round % 4), StandardCharsets.UTF_8);
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
