package dev.wall.bench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wall.bench.analysis.Sample;
import dev.wall.bench.code.TileReading;
import dev.wall.bench.faults.FaultWall;
import dev.wall.bench.faults.Recovery;
import dev.wall.bench.wall.Clips;
import dev.wall.player.testing.Quiet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fault-injection suite: one 4-screen wall under {@code wall play --forever} on Xvfb, judged
 * from screenshots as the sync benchmark judges it, and one fault after another, each asserting
 * what became of the wall and how long it took. The wall is the same throughout, so each case
 * leaves it playing for the next; the last ones end it.
 */
@Quiet
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {
  /** The targets: back within 5 s of a crash, every screen within 1 frame by 10 s. */
  private static final double BACK_SECONDS = 5;

  private static final double IN_STEP_SECONDS = 10;

  /** How long after a fault the screenshots are judged: the 10 s, and 4 s more in step. */
  private static final double JUDGED_SECONDS = 14;

  private FaultWall wall;

  @BeforeAll
  void startTheWall() throws Exception {
    Path target = Path.of("target").toAbsolutePath();
    Clips clips = new Clips(target.resolve("bench-clips"));
    wall = FaultWall.start(clips, target.resolve("faults-it"), 4, System.out);
  }

  @AfterAll
  void stopTheWall() {
    if (wall != null) {
      wall.close();
    }
  }

  @Test
  @Order(1)
  void aKilledPlayerIsBackWithinFiveSecondsAndEveryScreenIsWithinOneFrameByTen() throws Exception {
    for (String screen : List.of("s2", "s4")) {
      ProcessHandle mpv = wall.player(screen);
      long killed = System.nanoTime();
      mpv.destroyForcibly();
      Recovery recovery = wall.judge(screen, killed, IN_STEP_SECONDS, JUDGED_SECONDS);
      System.out.printf(
          Locale.ROOT,
          "kill -9 of %s's mpv: back after %.2f s, every screen within 1 frame after"
              + " %.2f s; %d screenshots after 10 s, worst spread %d%n",
          screen,
          recovery.backSeconds(),
          recovery.inStepSeconds(),
          recovery.lateSamples(),
          recovery.worstSpreadLate());
      assertTrue(wall.wallProcess().isAlive(), "the wall never exits");
      assertTrue(
          recovery.backSeconds() <= BACK_SECONDS,
          screen + " back after " + recovery.backSeconds() + " s");
      assertTrue(
          recovery.lateSamples() > 10
              && recovery.worstSpreadLate() >= 0
              && recovery.worstSpreadLate() <= 1,
          "every screen within 1 frame 10 s after the kill: " + recovery);
      assertEquals(0, recovery.othersBlank(), "no other screen blanked meanwhile");
      assertNotEquals(mpv.pid(), wall.player(screen).pid(), "a new player");
    }
  }

  @Test
  @Order(2)
  void aPlayerStoppedForFourSecondsIsTakenForHungAndRecoveredTheSameWay() throws Exception {
    ProcessHandle mpv = wall.player("s3");
    long stopped = System.nanoTime();
    FaultWall.signal(mpv, "STOP");
    FaultWall.await(
        Duration.ofSeconds(4), () -> false || System.nanoTime() - stopped >= 4_000_000_000L, "4 s");
    if (mpv.isAlive()) {
      FaultWall.signal(mpv, "CONT");
    }
    Recovery recovery = wall.judge("s3", stopped, IN_STEP_SECONDS + 2, JUDGED_SECONDS + 2);
    System.out.printf(
        Locale.ROOT,
        "SIGSTOP of s3's mpv for 4 s: back after %.2f s, in step after %.2f s%n",
        recovery.backSeconds(),
        recovery.inStepSeconds());
    assertTrue(!mpv.isAlive(), "the hung player was stopped, not waited for");
    assertNotEquals(mpv.pid(), wall.player("s3").pid(), "and a new one took its place");
    assertTrue(
        recovery.backSeconds() <= BACK_SECONDS + 3, "back after " + recovery.backSeconds() + " s");
    assertTrue(
        recovery.worstSpreadLate() >= 0 && recovery.worstSpreadLate() <= 1, recovery.toString());
    assertEquals(0, recovery.othersBlank());
    JsonNode s3 = statusRow("s3");
    assertTrue(
        s3.path("lastError").asText().startsWith("the player answered nothing for 3."),
        s3.toString());
  }

  @Test
  @Order(3)
  void aScreenWhoseClipIsGoneIsGivenUpAndShownAsSuchWhileTheOthersPlayOn() throws Exception {
    Runnable putBack = wall.takeClipAway("s4");
    long killed;
    try {
      killed = System.nanoTime();
      wall.player("s4").destroyForcibly();
      FaultWall.await(
          Duration.ofSeconds(20), () -> "GIVEN_UP".equals(wall.stateOf("s4")), "s4 given up");
      double givenUp = (System.nanoTime() - killed) / 1e9;
      System.out.printf(
          Locale.ROOT, "clip taken away, player killed: s4 given up after %.2f s%n", givenUp);
      JsonNode s4 = statusRow("s4");
      assertTrue(s4.path("lastError").asText().contains("is missing or unreadable"), s4.toString());
      long from = System.nanoTime();
      wall.judge("s1", from, 0, 3);
      List<Sample> meanwhile = wall.samples().stream().filter(s -> s.nanos() >= from).toList();
      assertTrue(meanwhile.size() > 15);
      for (Sample sample : meanwhile) {
        assertEquals(
            TileReading.Status.BLANK, sample.tiles().get(3).status(), "black, not a frozen frame");
        List<TileReading> others = sample.tiles().subList(0, 3);
        assertTrue(others.stream().allMatch(TileReading::isDecoded), "the others play on");
      }
      assertTrue(wall.wallProcess().isAlive());
    } finally {
      putBack.run();
    }
    // At the next seam it tries again and plays: the clips are 20 s long.
    long back = System.nanoTime();
    FaultWall.await(
        Duration.ofSeconds(45), () -> "PLAYING".equals(wall.stateOf("s4")), "s4 playing again");
    System.out.printf(
        Locale.ROOT,
        "clip put back: s4 playing again after %.2f s (at the next seam)%n",
        (System.nanoTime() - back) / 1e9);
  }

  @Test
  @Order(4)
  void underForeverAKilledRankRestartsTheJobAndEveryScreenPlaysAgainWithinTwentySeconds()
      throws Exception {
    int restartsBefore = wall.status().path("wall").path("jobRestarts").asInt();
    ProcessHandle rank = wall.rank("s2");
    long killed = System.nanoTime();
    rank.destroyForcibly();
    FaultWall.await(
        Duration.ofSeconds(30),
        () -> {
          JsonNode status = wall.status();
          return status != null
              && status.path("wall").path("jobRestarts").asInt() > restartsBefore
              && "PLAYING".equals(status.path("wall").path("phase").asText());
        },
        "the job to be started again");
    FaultWall.await(
        Duration.ofSeconds(30),
        () -> wall.everyScreenMovingAfter(killed + 2_000_000_000L) > 0,
        "every screen playing again");
    double playing = (wall.everyScreenMovingAfter(killed + 2_000_000_000L) - killed) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "kill -9 of s2's rank: the job restarted, every screen playing again %.2f s"
            + " after the kill%n",
        playing);
    assertTrue(playing <= 20, "every screen plays again within 20 s: " + playing);
    JsonNode status = wall.status();
    assertTrue(
        status.path("wall").path("lastRestartCause").asText().contains("s2"), status.toString());
    assertTrue(wall.wallProcess().isAlive());
  }

  @Test
  @Order(5)
  void sigtermToTheSupervisorLeavesNoProcessOfTheWallAfterFiveSeconds() throws Exception {
    wall.player("s1");
    List<ProcessHandle> everything = wall.wallProcess().process().descendants().toList();
    assertTrue(everything.size() >= 9, "mpirun, 4 ranks, 4 players at least: " + everything.size());
    long sent = System.nanoTime();
    FaultWall.signal(wall.wallProcess().process().toHandle(), "TERM");
    FaultWall.await(
        Duration.ofSeconds(5),
        () ->
            !wall.wallProcess().isAlive() && everything.stream().noneMatch(ProcessHandle::isAlive),
        "every process of the wall to go");
    double took = (System.nanoTime() - sent) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "SIGTERM to the supervisor: %d processes gone in %.2f s%n",
        everything.size() + 1,
        took);
    assertEquals(143, wall.wallProcess().process().exitValue(), "the documented code for SIGTERM");
    assertEquals(null, wall.status(), "wall status says no wall runs");
  }

  private JsonNode statusRow(String screen) {
    for (JsonNode row : wall.status().path("status").path("screens")) {
      if (row.path("name").asText().equals(screen)) {
        return row;
      }
    }
    throw new AssertionError("no " + screen + " in wall status");
  }
}
