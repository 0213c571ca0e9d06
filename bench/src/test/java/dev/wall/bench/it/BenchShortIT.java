package dev.wall.bench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.bench.BenchCase;
import dev.wall.bench.BenchMain;
import dev.wall.bench.CaseResult;
import dev.wall.bench.CaseRunner;
import dev.wall.bench.Targets;
import dev.wall.bench.report.Machine;
import dev.wall.bench.sampling.OffBeatRate;
import dev.wall.bench.sampling.SamplerKind;
import dev.wall.bench.wall.Clips;
import dev.wall.player.testing.Quiet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CI's short form of the pixel benchmark: case 2 (wall play, 4 screens) for 30 s of screenshots,
 * judged against issue 5's targets. Clips come from the ClipCache, copied into target/bench-clips.
 */
@Quiet
class BenchShortIT {
  private static final Duration SAMPLING = Duration.ofSeconds(30);
  private static final double SCREENSHOTS_PER_SECOND = 10;
  /** Start-up is judged on the median of this many launches: the machine is shared, and noisy. */
  private static final int START_UP_LAUNCHES = 3;
  private static final Duration START_UP_ONLY_SAMPLING = Duration.ofSeconds(2);

  @Test
  void fourScreensOfWallPlayMeetTheSyncTargets() throws Exception {
    Path target = Path.of("target").toAbsolutePath();
    Clips clips = new Clips(target.resolve("bench-clips"));
    String started = Machine.now();
    String loads = Machine.loads();

    CaseResult result = new CaseRunner(clips, target.resolve("bench-it"), SCREENSHOTS_PER_SECOND, SamplerKind.STREAM,
        System.out).run(BenchCase.shortForm(SAMPLING));

    String report = BenchMain.report(started, loads, List.of(result));
    System.out.println(report);
    assertTrue(result.sync().samples() >= SAMPLING.toSeconds() * OffBeatRate.near(SCREENSHOTS_PER_SECOND, Clips.FPS) * 0.8,
        "screenshots came steadily:\n" + report);
    assertTrue(result.sync().seams() >= 1, "the run crossed a loop seam:\n" + report);
    assertTrue(result.rankPeakKb() > 0, "rank JVMs were found and measured:\n" + report);
    // Every target is asserted as the issue states it. Start-up is the median of three launches
    // (this one and two more that only start up), like every figure taken on this shared machine.
    List<String> syncMisses = Targets.misses(result).stream().filter(m -> !m.startsWith("start-up")).toList();
    assertEquals(List.of(), syncMisses, "issue 5's targets:\n" + report);
    for (var loop : result.sync().loops()) {
      assertTrue(loop.maxSpread() <= Targets.MAX_SPREAD_FRAMES, "loop " + loop.loop() + ":\n" + report);
    }
    List<Double> startUps = new ArrayList<>(List.of(result.sync().startupSeconds()));
    for (int launch = 2; launch <= START_UP_LAUNCHES; launch++) {
      CaseResult again = new CaseRunner(clips, target.resolve("bench-it-start-up-" + launch), SCREENSHOTS_PER_SECOND,
          SamplerKind.STREAM, System.out).run(BenchCase.shortForm(START_UP_ONLY_SAMPLING));
      assertTrue(again.sync().started(), "launch " + launch + " started:\n" + BenchMain.report(started, loads, List.of(again)));
      startUps.add(again.sync().startupSeconds());
    }
    double median = startUps.stream().sorted().toList().get(START_UP_LAUNCHES / 2);
    System.out.println("start-up of " + START_UP_LAUNCHES + " launches, s: " + startUps + ", median " + median);
    assertTrue(median <= Targets.STARTUP_SECONDS,
        "start-up, median of " + startUps + " s > " + Targets.STARTUP_SECONDS + " s:\n" + report);
  }
}
