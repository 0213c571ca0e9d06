package dev.wall.player.wire;

/**
 * What the status file holds: the wall as a whole (its controller, how long it has been up, how
 * often its job was restarted and why), and where every screen was at the last control round.
 *
 * @param wall the controller and its job
 * @param status where the wall and each screen were at the last round, or null before the first
 */
public record WallState(Wall wall, WallStatus status) {

  /** What the controller is doing. */
  public enum Phase {
    /** mpirun is starting the ranks and their players. */
    STARTING,
    /** The job plays. */
    PLAYING,
    /**
     * The job ended (a rank or node was lost, say); the supervisor starts it again at {@code
     * nextStartAt}.
     */
    RESTARTING,
    /** The supervisor waits for every node to answer before it starts the job again. */
    WAITING_FOR_NODES,
    /**
     * The opening hours have the wall closed: players stopped, displays off or black. Never a
     * failure.
     */
    OFF,
    /** The wall ended; nothing plays. */
    STOPPED
  }

  /**
   * @param pid the controller's process
   * @param processStartedAt when that process started (an ISO-8601 instant), so a reader can tell
   *     it from a later process that got the same pid
   * @param host the controller's host name
   * @param layout the layout file it plays
   * @param phase what it is doing
   * @param supervised {@code --forever} (or a layout with {@code loops: 0}): lost jobs are
   *     restarted
   * @param startedAt when {@code wall play} started
   * @param jobRestarts how often the supervisor started the job again
   * @param lastRestartAt when it last did, or null
   * @param lastRestartCause why, in one line naming the screens and hosts, or null
   * @param nextStartAt when it starts the job again, while restarting, or null
   * @param waitingFor while waiting for nodes: the ones that do not answer yet, one line each
   * @param offLabel while closed by the schedule: what the technician reads, such as {@code off
   *     (schedule, opens Mon 09:30)}; null otherwise
   * @param updatedAt when this was written
   * @param layoutNotice why the layout file's last change is not what plays (it failed its checks,
   *     changed what needs a restart, or a node lacks its clips), or null when none waits
   */
  public record Wall(
      long pid,
      String processStartedAt,
      String host,
      String layout,
      Phase phase,
      boolean supervised,
      String startedAt,
      int jobRestarts,
      String lastRestartAt,
      String lastRestartCause,
      String nextStartAt,
      java.util.List<String> waitingFor,
      String offLabel,
      String updatedAt,
      String layoutNotice) {}
}
