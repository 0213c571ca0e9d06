package dev.wall.bench.faults;

import dev.wall.bench.report.Machine;
import dev.wall.bench.wall.Clips;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code bench/run --faults N}: the recovery figures of issue 13, on a 4-screen wall under {@code
 * wall play --forever}: N kills (SIGKILL) of a player, each at a random point of the loop, and
 * three of a rank, each judged from screenshots. Prints one table, and the medians and worst.
 */
public final class FaultBenchmark {
  private static final double JUDGED_SECONDS = 14;
  private static final double IN_STEP_BY_SECONDS = 10;
  private static final int RANK_KILLS = 3;

  private final Clips clips;
  private final Path dir;
  private final PrintStream out;

  public FaultBenchmark(Clips clips, Path dir, PrintStream out) {
    this.clips = clips;
    this.dir = dir;
    this.out = out;
  }

  /** Runs {@code kills} player kills and the rank kills; returns the report it printed. */
  public String run(int kills) throws IOException, InterruptedException {
    String started = Machine.now();
    String loads = Machine.loads();
    Random random = new Random();
    List<String> rows = new ArrayList<>();
    List<Double> back = new ArrayList<>();
    List<Double> inStep = new ArrayList<>();
    List<Double> restart = new ArrayList<>();
    int worstLate = 0;
    int othersBlank = 0;
    try (FaultWall wall = FaultWall.start(clips, dir, 4, out)) {
      for (int k = 0; k < kills; k++) {
        String screen = wall.names().get(k % wall.names().size());
        pause(3 + random.nextDouble() * 6);
        ProcessHandle mpv = wall.player(screen);
        long killed = System.nanoTime();
        mpv.destroyForcibly();
        Recovery r = wall.judge(screen, killed, IN_STEP_BY_SECONDS, JUDGED_SECONDS);
        back.add(r.backSeconds());
        inStep.add(r.inStepSeconds());
        worstLate =
            r.worstSpreadLate() < 0 ? Integer.MAX_VALUE : Math.max(worstLate, r.worstSpreadLate());
        othersBlank += r.othersBlank();
        rows.add(
            String.format(
                Locale.ROOT,
                "| player %d | %s | %.2f | %.2f | %s | %d |",
                k + 1,
                screen,
                r.backSeconds(),
                r.inStepSeconds(),
                r.worstSpreadLate() < 0 ? "unreadable" : r.worstSpreadLate(),
                r.othersBlank()));
        wall.say(rows.get(rows.size() - 1));
      }
      for (int k = 0; k < RANK_KILLS; k++) {
        String screen = wall.names().get((k + 1) % wall.names().size());
        pause(3 + random.nextDouble() * 6);
        ProcessHandle rank = wall.rank(screen);
        long killed = System.nanoTime();
        rank.destroyForcibly();
        FaultWall.await(
            Duration.ofSeconds(60),
            () -> wall.everyScreenMovingAfter(killed + 2_000_000_000L) > 0,
            "every screen playing again");
        double seconds = (wall.everyScreenMovingAfter(killed + 2_000_000_000L) - killed) / 1e9;
        restart.add(seconds);
        rows.add(
            String.format(
                Locale.ROOT,
                "| rank %d | %s | job restarted, every screen playing again after %.2f s"
                    + " | | | |",
                k + 1,
                screen,
                seconds));
        wall.say(rows.get(rows.size() - 1));
      }
    }
    StringBuilder report = new StringBuilder();
    report.append("Fault recovery benchmark, ").append(started).append('\n');
    report.append("Machine: ").append(Machine.describe()).append('\n');
    report
        .append("Load average at the start (1, 5, 15 min): ")
        .append(loads)
        .append("; now: ")
        .append(Machine.loads())
        .append('\n');
    report.append(
        String.format(
            Locale.ROOT,
            "4 screens, wall play --forever, clips %d s at %d fps; each kill at a"
                + " random point of a loop; judged from screenshots (bar codes), %.0f s after each kill.%n%n",
            Clips.SECONDS,
            Clips.FPS,
            JUDGED_SECONDS));
    report.append(
        "| kill | screen | back after, s | every screen within 1 frame after, s | worst spread from 10 s, frames"
            + " | screenshots with another screen blank |\n");
    report.append("| --- | --- | --- | --- | --- | --- |\n");
    rows.forEach(row -> report.append(row).append('\n'));
    report.append(
        String.format(
            Locale.ROOT,
            "%nPlayer killed (%d kills): back after median %.2f s, worst %.2f s"
                + " (target 5 s); every screen within 1 frame after median %.2f s, worst %.2f s (target 10 s); worst spread"
                + " from 10 s on: %s frames; screenshots with another screen blank: %d.%n",
            kills,
            median(back),
            worst(back),
            median(inStep),
            worst(inStep),
            worstLate == Integer.MAX_VALUE ? "unreadable" : worstLate,
            othersBlank));
    report.append(
        String.format(
            Locale.ROOT,
            "Rank killed (%d kills): every screen playing again after median %.2f s,"
                + " worst %.2f s (target 20 s).%n",
            RANK_KILLS,
            median(restart),
            worst(restart)));
    out.println();
    out.print(report);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("faults.md"), report);
    return report.toString();
  }

  private static double median(List<Double> values) {
    double[] sorted =
        values.stream()
            .mapToDouble(Double::doubleValue)
            .map(v -> Double.isNaN(v) ? 1e9 : v)
            .sorted()
            .toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted.length % 2 == 1
        ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  }

  private static double worst(List<Double> values) {
    return values.stream()
        .mapToDouble(v -> Double.isNaN(v) ? Double.POSITIVE_INFINITY : v)
        .max()
        .orElse(Double.NaN);
  }

  private static void pause(double seconds) {
    LockSupport.parkNanos((long) (seconds * 1e9));
  }
}
