package dev.wall.bench.it;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.bench.BenchCase;
import dev.wall.bench.BenchMain;
import dev.wall.bench.CaseResult;
import dev.wall.bench.CaseRunner;
import dev.wall.bench.report.Machine;
import dev.wall.bench.sampling.OffBeatRate;
import dev.wall.bench.sampling.SamplerKind;
import dev.wall.bench.wall.Clips;
import dev.wall.player.testing.Quiet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CI's smoke check of the pixel benchmark: case 2 (wall play, 4 screens) for 30 s of screenshots,
 * with limits generous enough for a shared, busy machine. It only catches a wall that stops syncing
 * at all; the figures themselves are judged by {@code bench/run} against the recorded baseline
 * ({@code --compare}), not here. Clips come from the ClipCache, copied into target/bench-clips.
 */
@Quiet
class BenchShortIT {
  private static final Duration SAMPLING = Duration.ofSeconds(30);
  private static final double SCREENSHOTS_PER_SECOND = 10;

  /** A wall that drifts apart reads tens of frames; a loaded machine's hiccup reads one or two. */
  private static final int SMOKE_MAX_SPREAD_FRAMES = 4;

  private static final double SMOKE_MEDIAN_SPREAD_FRAMES = 1;

  /** Far above any start-up seen on this machine (2.3 to 3.8 s), so it only catches a hang. */
  private static final double SMOKE_STARTUP_SECONDS = 20;

  @Test
  void fourScreensOfWallPlayStayInSync() throws Exception {
    Path target = Path.of("target").toAbsolutePath();
    Clips clips = new Clips(target.resolve("bench-clips"));
    String started = Machine.now();
    String loads = Machine.loads();

    CaseResult result =
        new CaseRunner(
                clips,
                target.resolve("bench-it"),
                SCREENSHOTS_PER_SECOND,
                SamplerKind.STREAM,
                System.out)
            .run(BenchCase.shortForm(SAMPLING));

    String report = BenchMain.report(started, loads, List.of(result));
    System.out.println(report);
    assertNull(result.failure(), "the case ran:\n" + report);
    assertTrue(result.sync().started(), "every screen moved:\n" + report);
    assertTrue(
        result.sync().samples()
            >= SAMPLING.toSeconds() * OffBeatRate.near(SCREENSHOTS_PER_SECOND, Clips.FPS) * 0.5,
        "screenshots came steadily:\n" + report);
    assertTrue(result.sync().seams() >= 1, "the run crossed a loop seam:\n" + report);
    assertTrue(result.rankPeakKb() > 0, "rank JVMs were found and measured:\n" + report);
    assertTrue(
        result.sync().medianSpread() <= SMOKE_MEDIAN_SPREAD_FRAMES, "median spread:\n" + report);
    assertTrue(result.sync().maxSpread() <= SMOKE_MAX_SPREAD_FRAMES, "max spread:\n" + report);
    assertTrue(result.sync().startupSeconds() <= SMOKE_STARTUP_SECONDS, "start-up:\n" + report);
  }
}
