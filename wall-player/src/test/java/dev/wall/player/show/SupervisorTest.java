package dev.wall.player.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.player.launch.Outcome;
import dev.wall.player.status.StatusBoard;
import dev.wall.player.wire.WallState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor's decisions, on jobs that end as told and waits that pass at once. */
class SupervisorTest {
  @TempDir Path runDir;

  private final StringWriter log = new StringWriter();
  private final List<Duration> waits = new ArrayList<>();

  private long now;

  private Supervisor supervisor(
      Deque<Outcome> outcomes, Supervisor.NodeCheck nodes, StatusBoard board) {
    return new Supervisor(
        outcomes::removeFirst, nodes, board, new PrintWriter(log, true), waits::add, () -> now);
  }

  private static Outcome lost(int rank) {
    return new Outcome.RankLost(
        "rank " + rank + " (screen s" + rank + ") on rpi" + rank + " was lost");
  }

  @Test
  void aLostJobIsStartedAgainWaitingLongerEachTimeAndEachRestartIsLoggedWithItsCause()
      throws Exception {
    Deque<Outcome> outcomes =
        new ArrayDeque<>(
            List.of(
                lost(2),
                lost(3),
                lost(2),
                lost(2),
                lost(2),
                lost(2),
                lost(2),
                lost(2),
                new Outcome.Stopped("stopped")));
    try (StatusBoard board = new StatusBoard(runDir, "ctl", "wall.json", true)) {
      Outcome end = supervisor(outcomes, List::of, board).run();
      assertInstanceOf(Outcome.Stopped.class, end);
      assertEquals(
          List.of(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L),
          waits.stream().map(Duration::toSeconds).toList());
      List<String> lines = log.toString().lines().toList();
      assertEquals(8, lines.size(), log.toString());
      assertEquals(
          "wall: restarting the wall in 1 s (restart 1): rank 2 (screen s2) on rpi2 was lost",
          lines.get(0));
      assertEquals(
          "wall: restarting the wall in 2 s (restart 2): rank 3 (screen s3) on rpi3 was lost",
          lines.get(1));
      assertEquals(8, board.snapshot().wall().jobRestarts());
    }
  }

  @Test
  void beforeARestartItWaitsUntilEveryNodeAnswersAndSaysWhichDoNot() throws Exception {
    Deque<Outcome> outcomes = new ArrayDeque<>(List.of(lost(3), new Outcome.Stopped("stopped")));
    Deque<List<String>> answers =
        new ArrayDeque<>(
            List.of(
                List.of("rpi3 (s3) does not answer over ssh"),
                List.of("rpi3 (s3) does not answer over ssh"),
                List.of()));
    List<WallState.Phase> phases = new ArrayList<>();
    try (StatusBoard board = new StatusBoard(runDir, "ctl", "wall.json", true)) {
      supervisor(
              outcomes,
              () -> {
                phases.add(board.snapshot().wall().phase());
                return answers.removeFirst();
              },
              board)
          .run();
    }
    assertTrue(answers.isEmpty(), "asked until every node answered");
    assertEquals(
        List.of(
            "wall: restarting the wall in 1 s (restart 1): rank 3 (screen s3) on rpi3 was lost",
            "wall: waiting for every node to answer before the restart: rpi3 (s3) does not answer over ssh"),
        log.toString().lines().toList(),
        "told once, not at every ask");
    assertEquals(
        List.of(
            WallState.Phase.RESTARTING,
            WallState.Phase.WAITING_FOR_NODES,
            WallState.Phase.WAITING_FOR_NODES),
        phases);
  }

  @Test
  void afterARunThatPlayedTenMinutesTheWaitIsShortAgain() throws Exception {
    Deque<Outcome> outcomes =
        new ArrayDeque<>(List.of(lost(1), lost(1), lost(1), lost(1), new Outcome.Stopped("x")));
    try (StatusBoard board = new StatusBoard(runDir, "ctl", "wall.json", true)) {
      new Supervisor(
              () -> {
                if (outcomes.size() == 2) {
                  now +=
                      Duration.ofMinutes(11)
                          .toNanos(); // this run played a long while before it was lost
                }
                return outcomes.removeFirst();
              },
              List::of,
              board,
              new PrintWriter(log, true),
              waits::add,
              () -> now)
          .run();
    }
    assertEquals(List.of(1L, 2L, 4L, 1L), waits.stream().map(Duration::toSeconds).toList());
  }

  @Test
  void aFinishedOrStoppedWallIsNotRestarted() throws Exception {
    try (StatusBoard board = new StatusBoard(runDir, "ctl", "wall.json", true)) {
      assertInstanceOf(
          Outcome.Completed.class,
          supervisor(new ArrayDeque<>(List.of(new Outcome.Completed())), List::of, board).run());
      assertInstanceOf(
          Outcome.Stopped.class,
          supervisor(new ArrayDeque<>(List.of(new Outcome.Stopped("x"))), List::of, board).run());
    }
    assertEquals("", log.toString());
    assertTrue(waits.isEmpty());
    assertTrue(
        Supervisor.worthRestarting(new Outcome.ScreensFailed(List.of("screen a on h: given up"))),
        "a wall where no screen could play is started again, too");
  }
}
