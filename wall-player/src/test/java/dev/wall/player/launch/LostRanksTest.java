package dev.wall.player.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import dev.wall.player.wire.RankMessage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A lost rank or node, as the controller tells it: by the layout's hosts and screens, whatever
 * mpirun calls the machine (a wall on {@code localhost} runs on a machine mpirun names by its
 * hostname).
 */
class LostRanksTest {
  private static final String LAYOUT =
      """
      {"version": 1, "mediaRoot": "/m", "screens": [
        {"name": "a", "host": "localhost", "output": 0, "media": "a.mp4"},
        {"name": "b", "host": "localhost", "output": 1, "media": "a.mp4"},
        {"name": "c", "host": "pi3", "output": 0, "media": "a.mp4"},
        {"name": "d", "host": "pi3", "output": 1, "media": "a.mp4"}]}
      """;
  private static final Path LOG = Path.of("/run/wall/mpirun.log");

  private static Layout layout() throws Exception {
    return new LayoutReader().read("wall.json", LAYOUT);
  }

  @Test
  void aRankMpirunSawEndIsNamedByTheLayoutsHostForIt() throws Exception {
    Outcome.RankLost lost =
        WallController.lostByMpirun(
            layout(),
            137,
            List.of(
                "mpirun noticed that process rank 1 with PID 4242 on node vm exited on signal 9"
                    + " (Killed)."),
            LOG,
            "");
    assertEquals(List.of("localhost"), lost.hosts());
    assertEquals(List.of("b"), lost.screens());
    assertEquals("rank 1 (screen b) on vm was lost; see /run/wall/mpirun.log", lost.message());
  }

  @Test
  void aLostNodeDaemonNamesItsHostAndEveryScreenThere() throws Exception {
    Outcome.RankLost lost =
        WallController.lostByMpirun(
            layout(),
            1,
            List.of(
                "ORTE has lost communication with a remote daemon.",
                "  Remote daemon: [[1,0],2] on node pi3"),
            LOG,
            "");
    assertEquals(List.of("pi3"), lost.hosts());
    assertEquals(List.of("c", "d"), lost.screens());
    assertTrue(
        lost.message().startsWith("pi3 (screens c, d, ranks 2, 3) was lost"), lost.message());
  }

  @Test
  void ranksReportedMissingAreNamedByTheRootsReport() throws Exception {
    Outcome.RankLost lost =
        WallController.lostByRanks(
            layout(),
            List.of(
                new RankMessage.Lost(1, List.of(0, 3), "round", 5000),
                new RankMessage.Lost(0, List.of(3, 2), "round", 5000)),
            "");
    assertEquals(List.of("pi3"), lost.hosts());
    assertEquals(List.of("c", "d"), lost.screens());
    assertTrue(
        lost.message().startsWith("pi3 (screens d, c, ranks 3, 2) stopped answering"),
        lost.message());
  }

  @Test
  void anEndNobodyExplainedNamesNoHost() throws Exception {
    Outcome.RankLost lost =
        WallController.lostByMpirun(layout(), 1, List.of("something else"), LOG, "");
    assertEquals(List.of(), lost.hosts());
    assertEquals(List.of(), lost.screens());
    assertTrue(lost.message().startsWith("mpirun ended with code 1 before"), lost.message());
  }
}
