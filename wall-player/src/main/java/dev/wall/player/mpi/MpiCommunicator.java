package dev.wall.player.mpi;

import dev.wall.core.comm.CollectiveTimeout;
import dev.wall.core.comm.Communicator;
import dev.wall.core.comm.CommunicatorException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;
import mpi.Request;
import mpi.Status;

/**
 * The {@link Communicator} over Open MPI's Java bindings, on {@code MPI.COMM_WORLD}.
 *
 * <p>Only the thread that created it may call it (MPI_THREAD_FUNNELED). Every collective is built
 * from point-to-point messages to and from the root, polled without blocking and parked between
 * polls, for two reasons. A wait can last a whole clip, and Open MPI's blocking calls spin (or
 * yield in a loop) on a core the player needs for decoding. And every wait has a deadline: MPI's
 * own collectives wait forever for a rank whose node is gone, and cannot say who is missing, while
 * the root here knows exactly whose message never came ({@link CollectiveTimeout}).
 *
 * <p>A barrier is one message from every rank to rank 0 and one back: a rank leaves it at most one
 * poll (half a millisecond) after the release reaches it, far below a frame. After a timeout the
 * group is broken: {@link #close} then does not finalize MPI (that would wait for the lost rank
 * too), and the process should simply exit.
 */
public final class MpiCommunicator implements Communicator {
  /** Half a millisecond: a rank leaves a collective at most that late, far below a frame. */
  private static final long POLL_NANOS = 500_000;

  /**
   * Waiting for the root to call the next round, which may be a second away: a rank comes at most
   * this late, and wakes 200 times a second rather than 2000 (the barrier that follows is polled
   * finely again, so the round's instant stays sharp; a command waits 5 ms more at most). At 2 ms
   * the benchmark's plain case had each rank at 2.8 % of a core, against 1.9 % when ranks slept.
   */
  private static final long IDLE_POLL_NANOS = 5_000_000;

  private static final int TAG_GATHER = 7101;
  private static final int TAG_BROADCAST = 7102;
  private static final int TAG_ARRIVED = 7103;
  private static final int TAG_RELEASED = 7104;
  private static final byte[] TOKEN = {1};

  private final Intracomm world;
  private final int rank;
  private final int size;
  private volatile boolean broken;

  private MpiCommunicator(Intracomm world) throws MPIException {
    this.world = world;
    this.rank = world.getRank();
    this.size = world.getSize();
  }

  /** Initialises MPI once for this process. */
  public static MpiCommunicator init(String[] args) {
    try {
      MPI.InitThread(args, MPI.THREAD_FUNNELED);
      return new MpiCommunicator(MPI.COMM_WORLD);
    } catch (MPIException | UnsatisfiedLinkError e) {
      throw new CommunicatorException("MPI did not initialise: " + e.getMessage(), e);
    }
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
    long deadline = deadline(0, within);
    collect("barrier", TOKEN, 0, TAG_ARRIVED, deadline, within);
    spread("barrier", TOKEN, 0, TAG_RELEASED, deadline, within);
  }

  @Override
  public byte[] broadcast(byte[] message, int root, Duration within) {
    return spread("broadcast", message, root, TAG_BROADCAST, deadline(root, within), within);
  }

  @Override
  public byte[] broadcastIdle(byte[] message, int root, Duration within) {
    return spread(
        "broadcast", message, root, TAG_BROADCAST, deadline(root, within), within, IDLE_POLL_NANOS);
  }

  @Override
  public List<byte[]> gather(byte[] message, int root, Duration within) {
    return collect("gather", message, root, TAG_GATHER, deadline(root, within), within);
  }

  /**
   * When this rank gives up: the root at {@code within}, the others a little later (the root names
   * names).
   */
  private long deadline(int root, Duration within) {
    Duration wait = rank == root ? within : within.plus(ROOT_SPEAKS_FIRST);
    return System.nanoTime() + wait.toNanos();
  }

  /**
   * Every rank's message on the root, in rank order; the others send theirs and return an empty
   * list.
   */
  private List<byte[]> collect(
      String what, byte[] message, int root, int tag, long deadline, Duration within) {
    try {
      if (rank != root) {
        send(what, message, List.of(root), tag, deadline, within);
        return List.of();
      }
      byte[][] parts = new byte[size][];
      parts[root] = message.clone();
      Set<Integer> pending = others(root);
      while (!pending.isEmpty()) {
        boolean heard = false;
        for (Integer source : List.copyOf(pending)) {
          Status status = world.iProbe(source, tag);
          if (status != null) {
            int length = status.getCount(MPI.BYTE);
            byte[] part = new byte[length];
            world.recv(part, length, MPI.BYTE, source, tag);
            parts[source] = part;
            pending.remove(source);
            heard = true;
          }
        }
        if (!heard && !pending.isEmpty()) {
          awaitOrTimeOut(what, pending, deadline, within);
        }
      }
      return Arrays.asList(parts);
    } catch (MPIException e) {
      throw failed(what, e);
    }
  }

  /** The root's message on every rank: the root sends it to each, the others wait for it. */
  private byte[] spread(
      String what, byte[] message, int root, int tag, long deadline, Duration within) {
    return spread(what, message, root, tag, deadline, within, POLL_NANOS);
  }

  private byte[] spread(
      String what,
      byte[] message,
      int root,
      int tag,
      long deadline,
      Duration within,
      long pollNanos) {
    try {
      if (rank == root) {
        send(what, message, List.copyOf(others(root)), tag, deadline, within);
        return message.clone();
      }
      Set<Integer> awaited = Set.of(root);
      while (true) {
        Status status = world.iProbe(root, tag);
        if (status != null) {
          int length = status.getCount(MPI.BYTE);
          byte[] received = new byte[length];
          world.recv(received, length, MPI.BYTE, root, tag);
          return received;
        }
        awaitOrTimeOut(what, awaited, deadline, within, pollNanos);
      }
    } catch (MPIException e) {
      throw failed(what, e);
    }
  }

  /**
   * Sends {@code message} to each of {@code targets} without blocking, and waits until every send
   * is done.
   */
  private void send(
      String what, byte[] message, List<Integer> targets, int tag, long deadline, Duration within)
      throws MPIException {
    List<ByteBuffer> buffers = new ArrayList<>();
    Request[] requests = new Request[targets.size()];
    for (int i = 0; i < targets.size(); i++) {
      ByteBuffer buffer = MPI.newByteBuffer(Math.max(1, message.length));
      buffer.put(message).flip();
      buffers.add(buffer);
      requests[i] = world.iSend(buffer, message.length, MPI.BYTE, targets.get(i), tag);
    }
    Set<Integer> unsent = new LinkedHashSet<>(targets);
    while (!unsent.isEmpty()) {
      for (int i = 0; i < requests.length; i++) {
        if (requests[i] != null && requests[i].test()) {
          requests[i].free();
          requests[i] = null;
          unsent.remove(targets.get(i));
        }
      }
      if (!unsent.isEmpty()) {
        awaitOrTimeOut(what, unsent, deadline, within);
      }
    }
    buffers.clear();
  }

  private void awaitOrTimeOut(String what, Set<Integer> missing, long deadline, Duration within) {
    awaitOrTimeOut(what, missing, deadline, within, POLL_NANOS);
  }

  private void awaitOrTimeOut(
      String what, Set<Integer> missing, long deadline, Duration within, long pollNanos) {
    if (System.nanoTime() - deadline > 0) {
      broken = true;
      throw new CollectiveTimeout(what, List.copyOf(missing), within);
    }
    LockSupport.parkNanos(pollNanos);
  }

  private Set<Integer> others(int root) {
    Set<Integer> others = new LinkedHashSet<>();
    for (int r = 0; r < size; r++) {
      if (r != root) {
        others.add(r);
      }
    }
    return others;
  }

  @Override
  public void close() {
    if (broken) {
      return; // MPI_Finalize would wait for the rank that never came
    }
    try {
      if (!MPI.isFinalized()) {
        MPI.Finalize();
      }
    } catch (MPIException e) {
      throw failed("finalize", e);
    }
  }

  private CommunicatorException failed(String what, MPIException e) {
    broken = true;
    return new CommunicatorException(
        "MPI " + what + " failed on rank " + rank + ": " + e.getMessage(), e);
  }
}
