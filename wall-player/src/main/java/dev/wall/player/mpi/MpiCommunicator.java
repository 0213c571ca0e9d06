package dev.wall.player.mpi;

import dev.wall.core.comm.Communicator;
import dev.wall.core.comm.CommunicatorException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;
import mpi.Request;

/**
 * The {@link Communicator} over Open MPI's Java bindings, on {@code MPI.COMM_WORLD}.
 *
 * <p>Only the thread that created it may call it (MPI_THREAD_FUNNELED). A barrier can last a whole
 * clip, so it polls a non-blocking barrier and parks between polls instead of spinning a core that
 * the player needs for decoding. Open MPI's blocking collectives spin (or yield in a loop) while
 * they wait, so a broadcast or gather first meets the others at such a parked barrier: the
 * blocking part then never waits for a rank that is still starting up or still playing.
 */
public final class MpiCommunicator implements Communicator {
  /** Half a millisecond: a rank leaves a barrier at most that late, far below a frame. */
  private static final long BARRIER_POLL_NANOS = 500_000;

  private final Intracomm world;
  private final int rank;
  private final int size;

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
  public void barrier() {
    try {
      Request request = world.iBarrier();
      while (!request.test()) {
        LockSupport.parkNanos(BARRIER_POLL_NANOS);
      }
      request.free();
    } catch (MPIException e) {
      throw failed("barrier", e);
    }
  }

  @Override
  public byte[] broadcast(byte[] message, int root) {
    barrier();
    try {
      int[] length = {rank == root ? message.length : 0};
      world.bcast(length, 1, MPI.INT, root);
      byte[] buffer = rank == root ? message.clone() : new byte[length[0]];
      if (length[0] > 0) {
        world.bcast(buffer, length[0], MPI.BYTE, root);
      }
      return buffer;
    } catch (MPIException e) {
      throw failed("broadcast", e);
    }
  }

  @Override
  public List<byte[]> gather(byte[] message, int root) {
    barrier();
    try {
      int[] lengths = new int[size];
      world.gather(new int[] {message.length}, 1, MPI.INT, lengths, 1, MPI.INT, root);
      int[] offsets = new int[size];
      for (int i = 1; i < size; i++) {
        offsets[i] = offsets[i - 1] + lengths[i - 1];
      }
      byte[] all = new byte[rank == root ? offsets[size - 1] + lengths[size - 1] : 0];
      world.gatherv(message, message.length, MPI.BYTE, all, lengths, offsets, MPI.BYTE, root);
      return rank == root ? split(all, lengths, offsets) : List.of();
    } catch (MPIException e) {
      throw failed("gather", e);
    }
  }

  private static List<byte[]> split(byte[] all, int[] lengths, int[] offsets) {
    List<byte[]> parts = new ArrayList<>(lengths.length);
    for (int i = 0; i < lengths.length; i++) {
      parts.add(Arrays.copyOfRange(all, offsets[i], offsets[i] + lengths[i]));
    }
    return parts;
  }

  @Override
  public void close() {
    try {
      if (!MPI.isFinalized()) {
        MPI.Finalize();
      }
    } catch (MPIException e) {
      throw failed("finalize", e);
    }
  }

  private CommunicatorException failed(String what, MPIException e) {
    return new CommunicatorException("MPI " + what + " failed on rank " + rank + ": " + e.getMessage(), e);
  }
}
