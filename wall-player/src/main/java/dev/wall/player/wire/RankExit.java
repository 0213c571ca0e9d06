package dev.wall.player.wire;

/** How a rank process ends; mpirun ends with the first rank's code that is not {@link #OK}. */
public final class RankExit {
  /** Every loop played. */
  public static final int OK = 0;

  /**
   * The wall stopped for a failure that rank 0 has already reported ({@link RankMessage.Failure}).
   */
  public static final int ABORTED = 1;

  /** The rank could not read what the controller asked of it (another version of wall?). */
  public static final int BAD_LAUNCH = 2;

  /**
   * Other ranks stopped answering ({@link RankMessage.Lost} said which): the rank gave up waiting,
   * and exits without finalizing MPI, which would wait for them too.
   */
  public static final int LOST = 3;

  private RankExit() {}
}
