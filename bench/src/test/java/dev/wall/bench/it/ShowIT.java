package dev.wall.bench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.bench.BenchCase;
import dev.wall.bench.BenchMain;
import dev.wall.bench.CaseResult;
import dev.wall.bench.CaseRunner;
import dev.wall.bench.Targets;
import dev.wall.bench.analysis.SyncAnalysis.TransitionFigures;
import dev.wall.bench.report.Machine;
import dev.wall.bench.sampling.SamplerKind;
import dev.wall.bench.wall.Clips;
import dev.wall.bench.wall.WallReport;
import dev.wall.player.testing.Quiet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's show, judged from pixels like the benchmark: real {@code wall play} under Xvfb with
 * real mpirun and mpv, every screen's frame number read from its bar code. A 2-item playlist
 * changing items together; the screen with sound as the clock while its clock runs 2000 ppm fast; a
 * slow panel driven ahead by its {@code latencyMs}.
 */
@Quiet
class ShowIT {
  private static final double SCREENSHOTS_PER_SECOND = 10;
  private final Path target = Path.of("target").toAbsolutePath();
  private final Clips clips = new Clips(target.resolve("bench-clips"));

  private CaseResult run(BenchCase c) throws Exception {
    String started = Machine.now();
    String loads = Machine.loads();
    CaseResult result =
        new CaseRunner(
                clips,
                target.resolve("show-it"),
                SCREENSHOTS_PER_SECOND,
                SamplerKind.STREAM,
                System.out)
            .run(c);
    String report = BenchMain.report(started, loads, List.of(result));
    System.out.println(report);
    // A case that could not be measured has no show figures: say why, rather than fail on a null.
    assertNotNull(result.show(), "the case was measured:\n" + report);
    return result;
  }

  private static String report(CaseResult r) {
    return BenchMain.report("", "", List.of(r));
  }

  /** Sync targets as the benchmark states them; start-up is bench/run's to judge, not a test's. */
  private static List<String> syncMisses(CaseResult r) {
    return Targets.misses(r).stream().filter(m -> !m.startsWith("start-up")).toList();
  }

  @Test
  void aTwoItemPlaylistChangesItemsTogetherWithNoBlankTileAndTheReportCountsItemsAndLoops()
      throws Exception {
    CaseResult r = run(BenchCase.playlist(Duration.ofSeconds(17), 4));

    TransitionFigures transitions = r.show().transitions();
    assertTrue(
        transitions.transitions() >= 4, "item changes seen, loop seams included:\n" + report(r));
    assertTrue(transitions.samples() >= 20, "screenshots at the transitions:\n" + report(r));
    assertEquals(
        0, transitions.failedTiles(), "no blank or unreadable tile at a transition:\n" + report(r));
    assertTrue(
        transitions.maxSpread() <= 1, "at most a frame apart at every transition:\n" + report(r));
    assertEquals(List.of(), syncMisses(r), report(r));
    WallReport wall = r.show().report();
    assertTrue(wall.loopsPlayed() >= 2, "loops reported:\n" + report(r));
    assertEquals(wall.loops(), wall.loopsPlayed());
    for (int items : wall.itemsPerLoop()) {
      assertEquals(2, items, "each loop lists both items:\n" + report(r));
    }
    assertEquals(2 * wall.loopsPlayed(), wall.itemsPlayed());
  }

  @Test
  void theScreenWithSoundIsTheClockItsRateStaysExactlyOneAndTheOthersFollowItsFastClock()
      throws Exception {
    CaseResult r = run(BenchCase.audioClock(Duration.ofSeconds(26), 10));

    WallReport wall = r.show().report();
    assertTrue(wall.loops() >= 2, "two seams at least:\n" + report(r));
    for (double rate : wall.rateValues()) {
      assertEquals(1.0, rate, 0.0, "the clock screen's rate at every seam:\n" + report(r));
    }
    assertEquals(0, wall.screenTrims(), "the clock screen was never trimmed:\n" + report(r));
    assertEquals(
        List.of(),
        syncMisses(r),
        "the others follow it within a frame, without a seek:\n" + report(r));
  }

  @Test
  void aScreenWithLatency100IsThreeFramesAheadAndTheOthersAreTogether() throws Exception {
    CaseResult r = run(BenchCase.latency(Duration.ofSeconds(12), 100));

    assertEquals(3, r.show().leadFrames(), 1, "100 ms at 30 fps, from pixels:\n" + report(r));
    assertEquals(List.of(), syncMisses(r), "the other screens:\n" + report(r));
  }
}
