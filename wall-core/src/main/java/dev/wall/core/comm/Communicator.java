package dev.wall.core.comm;

import java.util.List;

/**
 * What a rank needs from MPI, and nothing more, so the wall's logic runs without MPI in tests.
 * Every call is collective: all ranks make it, in the same order. Messages are small byte arrays.
 */
public interface Communicator extends AutoCloseable {

  int rank();

  int size();

  /** Returns once every rank has called it. */
  void barrier();

  /** Rank {@code root}'s message, delivered to every rank. Other ranks' arguments are ignored. */
  byte[] broadcast(byte[] message, int root);

  /**
   * Every rank's message, in rank order, on {@code root}; an empty list on the other ranks.
   */
  List<byte[]> gather(byte[] message, int root);

  default boolean isRoot() {
    return rank() == 0;
  }

  @Override
  void close();
}
