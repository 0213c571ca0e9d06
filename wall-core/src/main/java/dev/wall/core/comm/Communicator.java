package dev.wall.core.comm;

import java.time.Duration;
import java.util.List;

/**
 * What a rank needs from MPI, and nothing more, so the wall's logic runs without MPI in tests.
 * Every call is collective: all ranks make it, in the same order. Messages are small byte arrays.
 *
 * <p>Every call has a deadline, {@code within}: a rank that has not heard from the others by then
 * throws {@link CollectiveTimeout}, naming the ranks it was waiting for. A rank or node that is
 * gone (killed, crashed, its cable pulled) is noticed that way by every rank that needs it. The
 * root knows exactly who did not arrive; the other ranks only wait for the root, and wait a little
 * longer than {@code within}, so that the root, which can name the missing ranks, speaks first.
 * Pick {@code within} as the longest a healthy rank can be late for that meeting.
 */
public interface Communicator extends AutoCloseable {

  /**
   * How much longer a rank that is not the root waits, so the root times out (and names names)
   * first.
   */
  Duration ROOT_SPEAKS_FIRST = Duration.ofSeconds(2);

  int rank();

  int size();

  /** Returns once every rank has called it. */
  void barrier(Duration within);

  /** Rank {@code root}'s message, delivered to every rank. Other ranks' arguments are ignored. */
  byte[] broadcast(byte[] message, int root, Duration within);

  /**
   * A {@link #broadcast} the other ranks may wait for a long while, where arriving a millisecond or
   * two late is of no matter (the start of the next control round, which the root calls when it
   * chooses): the waiting ranks may look for it less often, and spare the CPU.
   */
  default byte[] broadcastIdle(byte[] message, int root, Duration within) {
    return broadcast(message, root, within);
  }

  /** Every rank's message, in rank order, on {@code root}; an empty list on the other ranks. */
  List<byte[]> gather(byte[] message, int root, Duration within);

  default boolean isRoot() {
    return rank() == 0;
  }

  @Override
  void close();
}
