package dev.wall.player.show;

import dev.wall.player.control.WallEvents;
import dev.wall.player.launch.Outcome;
import dev.wall.player.status.StatusBoard;
import dev.wall.player.wire.WallEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code wall play --forever}, or a layout that loops for ever: the wall's job is started again
 * whenever it ends, for as long as the controller runs. A lost rank or node, or a wall where no
 * screen could play, ends one run of the job, not the show. Before each new start the supervisor
 * waits, longer after each failure (1, 2, 4 ... 60 s; back to 1 s once a run has played for 10
 * minutes), then until every node answers; it logs each restart with its cause on one line, and
 * keeps the status file up to date meanwhile. A stop (Ctrl-C, SIGTERM) or a finished job ends it.
 */
public final class Supervisor {
  static final Duration FIRST_WAIT = Duration.ofSeconds(1);
  static final Duration LONGEST_WAIT = Duration.ofSeconds(60);

  /** A run that played this long was healthy: the next failure waits the shortest time again. */
  static final Duration HEALTHY_RUN = Duration.ofMinutes(10);

  /** One run of the wall, from mpirun's start to its end ({@link WallController#play}). */
  @FunctionalInterface
  public interface Job {
    Outcome run() throws IOException;
  }

  /**
   * The nodes that do not answer now, one line each naming the node and its screens; none when all
   * do.
   */
  @FunctionalInterface
  public interface NodeCheck {
    List<String> notAnswering();
  }

  /** Waits; a test's waits pass at once. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final Job job;
  private final NodeCheck nodes;
  private final StatusBoard board;
  private final PrintWriter log;
  private final Sleeper sleeper;
  private final java.util.function.LongSupplier nanoTime;
  private WallEvents events = WallEvents.NONE;

  /**
   * @param log where each restart is told, one line each
   */
  public Supervisor(Job job, NodeCheck nodes, StatusBoard board, PrintWriter log) {
    this(job, nodes, board, log, duration -> Thread.sleep(duration.toMillis()), System::nanoTime);
  }

  Supervisor(
      Job job,
      NodeCheck nodes,
      StatusBoard board,
      PrintWriter log,
      Sleeper sleeper,
      java.util.function.LongSupplier nanoTime) {
    this.job = job;
    this.nodes = nodes;
    this.board = board;
    this.log = log;
    this.sleeper = sleeper;
    this.nanoTime = nanoTime;
  }

  /** Where each restart is told (job-restarted), as it starts. */
  public Supervisor publishingTo(WallEvents events) {
    this.events = events;
    return this;
  }

  /** Runs the job until it completes or is stopped; returns how it ended. */
  public Outcome run() throws IOException {
    Duration wait = FIRST_WAIT;
    String lastCause = null;
    for (int restarts = 0; ; restarts++) {
      board.jobStarting(restarts);
      if (restarts > 0) {
        events.publish(
            WallEvent.of(
                WallEvent.Kind.JOB_RESTARTED,
                Instant.now(),
                Map.of("restart", String.valueOf(restarts), "cause", lastCause)));
      }
      long started = nanoTime.getAsLong();
      Outcome outcome = job.run();
      if (!worthRestarting(outcome)) {
        return outcome;
      }
      if (nanoTime.getAsLong() - started >= HEALTHY_RUN.toNanos()) {
        wait = FIRST_WAIT;
      }
      String cause = cause(outcome);
      lastCause = cause;
      log.printf(
          Locale.ROOT,
          "wall: restarting the wall in %d s (restart %d): %s%n",
          wait.toSeconds(),
          restarts + 1,
          cause);
      log.flush();
      board.restarting(cause, Instant.now().plus(wait));
      try {
        sleeper.sleep(wait);
        wait = longer(wait);
        awaitEveryNode(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Outcome.Stopped("interrupted while waiting to restart");
      }
    }
  }

  /** Every ending but a finished or stopped wall is worth another start. */
  static boolean worthRestarting(Outcome outcome) {
    return !(outcome instanceof Outcome.Completed) && !(outcome instanceof Outcome.Stopped);
  }

  /** Waits until {@link NodeCheck} finds every node answering, asking again every {@code every}. */
  private void awaitEveryNode(Duration every) throws InterruptedException {
    List<String> told = List.of();
    while (true) {
      List<String> missing = nodes.notAnswering();
      if (missing.isEmpty()) {
        return;
      }
      if (!missing.equals(told)) {
        log.println(
            "wall: waiting for every node to answer before the restart: "
                + String.join("; ", missing));
        log.flush();
        board.waitingFor(missing);
        told = missing;
      }
      sleeper.sleep(every);
    }
  }

  private static Duration longer(Duration wait) {
    Duration doubled = wait.multipliedBy(2);
    return doubled.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : doubled;
  }

  /** The cause of a restart, on one line. */
  static String cause(Outcome outcome) {
    if (outcome instanceof Outcome.RankLost lost) {
      return lost.message();
    }
    if (outcome instanceof Outcome.ScreensFailed failed) {
      return String.join("; ", failed.lines());
    }
    return outcome.toString();
  }
}
