package dev.wall.player.rank;

import dev.wall.core.comm.Communicator;
import dev.wall.core.comm.InProcessGroup;
import dev.wall.core.layout.Layout;
import dev.wall.core.layout.Rect;
import dev.wall.core.layout.Screen;
import dev.wall.player.wire.LoopReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rank protocol on in-process ranks and fake players: loops, seams and failures. */
class WallRankTest {
  private static final Duration ROUND = Duration.ofMillis(40);

  private final List<FakePlayer.Call> log = FakePlayer.newLog();
  private final List<LoopReport> reports = new CopyOnWriteArrayList<>();
  private final Map<String, FakePlayer> players = new ConcurrentHashMap<>();

  private static Layout layout(int loops, String... names) {
    return layout(dev.wall.core.layout.LoopMode.LOCKSTEP, loops, names);
  }

  private static Layout layout(dev.wall.core.layout.LoopMode mode, int loops, String... names) {
    List<Screen> screens = new ArrayList<>();
    for (String name : names) {
      screens.add(new Screen(name, "host-" + name, null, 0, new Rect(0, 0, 10, 10), null, name + ".mp4", null, null));
    }
    return Layout.of(1, null, loops, null, "/tmp", null, null, mode, null, null, screens);
  }

  /** Runs every rank on its own thread; returns each rank's outcome: null, or its abort message. */
  private List<String> play(Layout layout, Map<String, Double> durations, String failing) throws Exception {
    int size = layout.screens().size();
    InProcessGroup group = new InProcessGroup(size);
    ExecutorService pool = Executors.newFixedThreadPool(size);
    try {
      List<Future<String>> outcomes = new ArrayList<>();
      for (Communicator comm : group.ranks()) {
        outcomes.add(pool.submit(() -> runRank(comm, layout, durations, failing)));
      }
      List<String> results = new ArrayList<>();
      for (Future<String> outcome : outcomes) {
        results.add(outcome.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private String runRank(Communicator comm, Layout layout, Map<String, Double> durations, String failing) {
    Screen screen = layout.screen(comm.rank());
    PlayerStart start = PlayerStart.begin(() -> {
      FakePlayer player = new FakePlayer(screen.name(), durations.get(screen.name()),
          screen.name().equals(failing), log);
      players.put(screen.name(), player);
      return player;
    }, Duration.ofSeconds(10));
    WallRank rank = new WallRank(comm, layout, layout.loops(), start, reports::add, ROUND, screen.host());
    try {
      rank.run(null);
      return null;
    } catch (WallAbortedException e) {
      return e.getMessage();
    }
  }

  @Test
  void everyRankPlaysEveryLoopAndTheShortClipsWaitForTheLongest() throws Exception {
    Layout layout = layout(3, "a", "b", "c");
    List<String> outcomes = play(layout, Map.of("a", 0.2, "b", 0.35, "c", 0.25), null);

    assertEquals(List.of(), outcomes.stream().filter(o -> o != null).toList());
    assertEquals(3, reports.size(), "rank 0 reports each loop once");
    for (LoopReport report : reports) {
      // At most 5 % faster: rate trims may speed the longest clip up that much.
      assertTrue(report.seconds() >= 0.35 / 1.05, "a loop lasts as long as the longest clip: " + report.seconds());
      assertEquals(List.of("a", "b", "c"), report.screens().stream().map(LoopReport.ScreenLoop::name).toList());
    }
    for (String name : List.of("a", "b", "c")) {
      assertEquals(3, count(name + ":release"), name + " released once per loop");
      assertEquals(1, count(name + ":stop"));
    }
  }

  @Test
  void atEverySeamAllScreensAreBackOnFrameZeroBeforeAnyIsReleased() throws Exception {
    play(layout(3, "a", "b"), Map.of("a", 0.15, "b", 0.3), null);
    List<FakePlayer.Call> releases = log.stream().filter(c -> c.what().endsWith(":release")).toList();
    List<FakePlayer.Call> rewinds = log.stream().filter(c -> c.what().endsWith(":seek 0.0")).toList();
    assertEquals(6, releases.size());
    assertEquals(4, rewinds.size(), "two seams, two screens");
    for (int seam = 0; seam < 2; seam++) {
      long lastRewind = Math.max(rewinds.get(2 * seam).nanos(), rewinds.get(2 * seam + 1).nanos());
      long releasedAfter = releases.stream().mapToLong(FakePlayer.Call::nanos).filter(n -> n > lastRewind)
          .min().orElseThrow();
      assertTrue(releasedAfter >= lastRewind);
      long released = releases.stream().filter(r -> r.nanos() >= lastRewind).count();
      assertEquals(2L * (2 - seam), released, "no release before the last rewind of seam " + seam);
    }
  }

  @Test
  void aScreenThatCannotPrepareStopsEveryRankWithItsName() throws Exception {
    List<String> outcomes = play(layout(2, "a", "b", "c"), Map.of("a", 0.2, "b", 0.2, "c", 0.2), "b");
    for (String outcome : outcomes) {
      assertEquals("screen b on host-b: could not open the clip", outcome);
    }
    assertEquals(0, count("a:release"), "nobody starts when one screen is not ready");
  }

  @Test
  void aPlayerThatDiesMidLoopStopsEveryRankWithItsName() throws Exception {
    Layout layout = layout(1, "a", "b");
    Thread killer = new Thread(() -> {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (count("b:release") == 0 && System.nanoTime() < deadline) {
        LockSupport.parkNanos(1_000_000);
      }
      players.get("b").crash();
    });
    killer.start();
    List<String> outcomes = play(layout, Map.of("a", 2.0, "b", 2.0), null);
    killer.join();
    for (String outcome : outcomes) {
      assertEquals("screen b on host-b: mpv exited unexpectedly (code 9)", outcome);
    }
    assertTrue(reports.isEmpty());
  }

  @Test
  void inIndependentModeEachClipRestartsOnItsOwnAndTheWallEndsAfterTheLongestsLoops() throws Exception {
    Layout layout = layout(dev.wall.core.layout.LoopMode.INDEPENDENT, 2, "short", "long");
    List<String> outcomes = play(layout, Map.of("short", 0.12, "long", 0.5), null);

    assertEquals(java.util.Arrays.asList(null, null), outcomes);
    assertEquals(2, reports.size(), "two loops of the longest clip");
    assertEquals(2, count("long:release"), "the long clip: start, then one restart of its own");
    assertTrue(count("short:release") >= 7, "the short clip restarts whenever it ends: " + count("short:release"));
    assertEquals(0, log.stream().filter(c -> c.what().equals("short:pause")).count(), "nobody waits at a seam");
  }

  private long count(String what) {
    return log.stream().filter(c -> c.what().equals(what)).count();
  }
}
