package dev.wall.core.comm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

/**
 * A group of ranks that are threads of one process: the unit-test stand-in for MPI. A rank that
 * never arrives breaks every collective after {@code timeoutMillis}, as a lost rank would.
 */
public final class InProcessGroup {
  private final int size;
  private final long timeoutMillis;
  private final CyclicBarrier barrier;
  private final byte[][] slots;

  public InProcessGroup(int size) {
    this(size, 30_000);
  }

  public InProcessGroup(int size, long timeoutMillis) {
    if (size < 1) {
      throw new IllegalArgumentException("a group needs at least one rank");
    }
    this.size = size;
    this.timeoutMillis = timeoutMillis;
    this.barrier = new CyclicBarrier(size);
    this.slots = new byte[size][];
  }

  public Communicator rank(int rank) {
    return new Member(rank);
  }

  public List<Communicator> ranks() {
    return IntStream.range(0, size).mapToObj(this::rank).toList();
  }

  private void await() {
    try {
      barrier.await(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommunicatorException("interrupted in a collective", e);
    } catch (BrokenBarrierException | TimeoutException e) {
      throw new CommunicatorException("a rank did not reach the collective", e);
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
    public void barrier() {
      await();
    }

    @Override
    public byte[] broadcast(byte[] message, int root) {
      if (rank == root) {
        slots[root] = message.clone();
      }
      await();
      byte[] result = slots[root].clone();
      await();
      return result;
    }

    @Override
    public List<byte[]> gather(byte[] message, int root) {
      slots[rank] = message.clone();
      await();
      List<byte[]> result = new ArrayList<>();
      if (rank == root) {
        for (byte[] slot : slots) {
          result.add(slot.clone());
        }
      }
      await();
      return rank == root ? result : Collections.emptyList();
    }

    @Override
    public void close() {
      // Nothing to release: the group lives as long as its threads.
    }
  }
}
