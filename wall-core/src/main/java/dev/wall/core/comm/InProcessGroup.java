package dev.wall.core.comm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

/**
 * A group of ranks that are threads of one process: the unit-test stand-in for MPI. A rank that
 * never arrives breaks a collective after its deadline, as a lost rank would, with {@link
 * CollectiveTimeout} naming the ranks that had not arrived.
 */
public final class InProcessGroup {
  private final int size;
  private final CyclicBarrier barrier;
  private final byte[][] slots;
  private final Set<Integer> waiting = ConcurrentHashMap.newKeySet();

  public InProcessGroup(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("a group needs at least one rank");
    }
    this.size = size;
    this.barrier = new CyclicBarrier(size, waiting::clear);
    this.slots = new byte[size][];
  }

  public Communicator rank(int rank) {
    return new Member(rank);
  }

  public List<Communicator> ranks() {
    return IntStream.range(0, size).mapToObj(this::rank).toList();
  }

  private void await(int rank, String collective, int root, Duration within) {
    Duration wait = rank == root ? within : within.plus(Communicator.ROOT_SPEAKS_FIRST);
    waiting.add(rank);
    try {
      barrier.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommunicatorException("interrupted in a collective", e);
    } catch (BrokenBarrierException | TimeoutException e) {
      List<Integer> missing =
          rank == root
              ? IntStream.range(0, size).filter(r -> !waiting.contains(r)).boxed().toList()
              : List.of(root);
      throw new CollectiveTimeout(collective, missing, within);
    }
  }

  private final class Member implements Communicator {
    private final int rank;

    Member(int rank) {
      this.rank = rank;
    }

    @Override
    public int rank() {
      return rank;
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public void barrier(Duration within) {
      await(rank, "barrier", 0, within);
    }

    @Override
    public byte[] broadcast(byte[] message, int root, Duration within) {
      if (rank == root) {
        slots[root] = message.clone();
      }
      await(rank, "broadcast", root, within);
      byte[] result = slots[root].clone();
      await(rank, "broadcast", root, within);
      return result;
    }

    @Override
    public List<byte[]> gather(byte[] message, int root, Duration within) {
      slots[rank] = message.clone();
      await(rank, "gather", root, within);
      List<byte[]> result = new ArrayList<>();
      if (rank == root) {
        for (byte[] slot : slots) {
          result.add(slot.clone());
        }
      }
      await(rank, "gather", root, within);
      return rank == root ? result : Collections.emptyList();
    }

    @Override
    public void close() {
      // Nothing to release: the group lives as long as its threads.
    }
  }
}
