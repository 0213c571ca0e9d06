package dev.wall.bench.soak;

import dev.wall.bench.report.Machine;
import dev.wall.bench.wall.BenchLayout;
import dev.wall.bench.wall.Clips;
import dev.wall.bench.wall.ProcessWatch;
import dev.wall.bench.wall.Show;
import dev.wall.bench.wall.WallLaunch;
import dev.wall.player.display.VirtualDisplay;
import dev.wall.player.launch.MpirunCommand;
import dev.wall.player.process.ChildProcess;
import dev.wall.player.wire.StatusFile;
import dev.wall.player.wire.WallState;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * {@code bench/run --soak LOOPS}: issue 13's soak. A 4-screen wall of 1 s clips under {@code wall
 * play --forever} (the real CLI, with bin/wall's controller heap) plays LOOPS loops on Xvfb, with
 * {@code --report}. The controller's and every rank's resident memory (VmRSS) are read at loop 100
 * and every few hundred loops after, the run folder's size likewise; at the end it prints how much
 * each grew from loop 100, and the run folder's largest size. Targets: less than 5 MB of growth
 * each, and a run folder under 50 MB.
 */
public final class Soak {
  static final int BASELINE_LOOP = 100;
  static final long GROWTH_TARGET_KB = 5 * 1024;
  static final long RUN_FOLDER_TARGET_BYTES = 50L << 20;
  private static final int CLIP_SECONDS = 1;

  /** One clip of 1 s a screen, 30 fps. */
  private static final Show SHOW = new Show(30, CLIP_SECONDS, List.of(0), false, 0);

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

  private final Path dir;
  private final PrintStream out;

  public Soak(Path dir, PrintStream out) {
    this.dir = dir;
    this.out = out;
  }

  /** One reading of every process's memory, and of the run folder. */
  record Reading(
      int loop,
      double seconds,
      long controllerKb,
      Map<Long, Long> rankKb,
      long runFolderBytes,
      long reportBytes,
      int jobRestarts) {}

  /** Plays {@code loops} loops; true when every target was met. */
  public boolean run(int loops) throws IOException, InterruptedException {
    String started = Machine.now();
    String loads = Machine.loads();
    Files.createDirectories(dir);
    BenchLayout layout = BenchLayout.grid(4);
    Clips clips = new Clips(dir.resolve("clips"));
    clips.ensure(layout.names(), SHOW);
    Path layoutFile = layout.write(dir.resolve("wall.json"), clips.dir(), SHOW);
    Path runDir = dir.resolve("run");
    deleteTree(runDir);
    Path report = dir.resolve("report.jsonl");
    for (Path old :
        List.of(
            report,
            report.resolveSibling("report.jsonl.1"),
            report.resolveSibling("report.jsonl.2"),
            report.resolveSibling("report.jsonl.3"))) {
      Files.deleteIfExists(old);
    }
    List<Reading> readings = new ArrayList<>();
    long launched;
    try (VirtualDisplay display =
        VirtualDisplay.start(
            layout.width(), layout.height(), dir.resolve("xvfb"), Duration.ofSeconds(20))) {
      WallLaunch.warmUp(layoutFile, runDir, dir.resolve("warm-up.log"));
      launched = System.nanoTime();
      ChildProcess wall =
          WallLaunch.play(
              layoutFile, display.display(), runDir, report, Map.of(), dir.resolve("wall.log"));
      try {
        say(
            "wall play --forever started; "
                + loops
                + " loops of a "
                + CLIP_SECONDS
                + " s clip to go");
        int every = Math.max(50, loops / 20);
        int next = BASELINE_LOOP;
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (true) {
          if (!wall.isAlive()) {
            throw new IOException(
                "wall play ended with " + wall.process().exitValue() + ": " + wall.lastLogLines(5));
          }
          int loop = loop(runDir);
          if (loop == 0 && System.nanoTime() > deadline) {
            throw new IOException(
                "no loop reported within " + STARTUP_TIMEOUT.toSeconds() + " s; see " + dir);
          }
          if (loop >= next || loop >= loops) {
            Reading reading = read(wall, loop, launched, runDir, report);
            readings.add(reading);
            say(
                String.format(
                    Locale.ROOT,
                    "loop %d after %.0f s: controller %d kB, ranks %s kB, run folder %d kB,"
                        + " report %d kB, job restarts %d",
                    reading.loop(),
                    reading.seconds(),
                    reading.controllerKb(),
                    reading.rankKb().values(),
                    reading.runFolderBytes() / 1024,
                    reading.reportBytes() / 1024,
                    reading.jobRestarts()));
            next = (loop / every + 1) * every;
            if (loop >= loops) {
              break;
            }
          }
          LockSupport.parkNanos(500_000_000);
        }
      } finally {
        wall.stop(Duration.ofSeconds(5));
      }
    }
    return report(started, loads, loops, readings);
  }

  private boolean report(String started, String loads, int loops, List<Reading> readings)
      throws IOException {
    Reading first = readings.get(0);
    Reading last = readings.get(readings.size() - 1);
    long controllerGrowth = last.controllerKb() - first.controllerKb();
    long worstRankGrowth = Long.MIN_VALUE;
    StringBuilder ranks = new StringBuilder();
    boolean sameRanks = first.rankKb().keySet().equals(last.rankKb().keySet());
    for (Map.Entry<Long, Long> rank : last.rankKb().entrySet()) {
      Long before = first.rankKb().get(rank.getKey());
      if (before != null) {
        long growth = rank.getValue() - before;
        worstRankGrowth = Math.max(worstRankGrowth, growth);
        ranks.append(
            String.format(
                Locale.ROOT,
                "%n| rank pid %d | %d | %d | %+d |",
                rank.getKey(),
                before,
                rank.getValue(),
                growth));
      }
    }
    long peakFolder = readings.stream().mapToLong(Reading::runFolderBytes).max().orElse(0);
    boolean met =
        sameRanks
            && controllerGrowth < GROWTH_TARGET_KB
            && worstRankGrowth < GROWTH_TARGET_KB
            && peakFolder < RUN_FOLDER_TARGET_BYTES;
    StringBuilder text = new StringBuilder();
    text.append("Soak, ").append(started).append('\n');
    text.append("Machine: ").append(Machine.describe()).append('\n');
    text.append("Load average at the start (1, 5, 15 min): ")
        .append(loads)
        .append("; now: ")
        .append(Machine.loads())
        .append('\n');
    text.append(
        String.format(
            Locale.ROOT,
            "%d loops of a %d s clip on 4 screens, wall play --forever --report, in %.0f"
                + " min (%.2f s a loop); job restarts: %d.%n%n",
            last.loop(),
            CLIP_SECONDS,
            last.seconds() / 60,
            (last.seconds() - first.seconds()) / Math.max(1, last.loop() - first.loop()),
            last.jobRestarts()));
    text.append(
        String.format(
            Locale.ROOT,
            "| resident memory (VmRSS) | at loop %d, kB | at loop %d, kB | growth, kB |%n",
            first.loop(),
            last.loop()));
    text.append("| --- | --- | --- | --- |\n");
    text.append(
            String.format(
                Locale.ROOT,
                "| controller (wall play) | %d | %d | %+d |",
                first.controllerKb(),
                last.controllerKb(),
                controllerGrowth))
        .append(ranks)
        .append('\n');
    text.append(
        String.format(
            Locale.ROOT,
            "%nRun folder: largest %.1f MB, at the end %.1f MB (report, outside it:"
                + " %.1f MB). Every reading: loop, controller kB, ranks kB, run folder kB:%n",
            peakFolder / 1048576.0,
            last.runFolderBytes() / 1048576.0,
            last.reportBytes() / 1048576.0));
    for (Reading r : readings) {
      text.append(
          String.format(
              Locale.ROOT,
              "  %d, %d, %s, %d%n",
              r.loop(),
              r.controllerKb(),
              r.rankKb().values(),
              r.runFolderBytes() / 1024));
    }
    text.append(
        String.format(
            Locale.ROOT,
            "%nTargets: growth from loop %d below %d kB for the controller and each"
                + " rank, run folder below %d MB: %s%s%n",
            BASELINE_LOOP,
            GROWTH_TARGET_KB,
            RUN_FOLDER_TARGET_BYTES >> 20,
            met ? "met" : "NOT met",
            sameRanks ? "" : " (the ranks changed: the job was restarted)"));
    out.println();
    out.print(text);
    Files.writeString(dir.resolve("soak.md"), text);
    return met;
  }

  private static int loop(Path runDir) throws IOException {
    try {
      Optional<WallState> state = StatusFile.read(runDir);
      return state.map(WallState::status).map(s -> Math.max(0, s.loop() - 1)).orElse(0);
    } catch (IOException e) {
      return 0; // being replaced: read again in a moment
    }
  }

  private Reading read(ChildProcess wall, int loop, long launched, Path runDir, Path report)
      throws IOException {
    Map<Long, Long> ranks = new LinkedHashMap<>();
    wall.process()
        .descendants()
        .filter(Soak::isRank)
        .sorted((a, b) -> Long.compare(a.pid(), b.pid()))
        .forEach(p -> ranks.put(p.pid(), ProcessWatch.memoryKb(p.pid(), "VmRSS")));
    int restarts = StatusFile.read(runDir).map(s -> s.wall().jobRestarts()).orElse(-1);
    return new Reading(
        loop,
        (System.nanoTime() - launched) / 1e9,
        ProcessWatch.memoryKb(wall.pid(), "VmRSS"),
        ranks,
        size(runDir),
        Files.exists(report) ? Files.size(report) : 0,
        restarts);
  }

  /**
   * A rank JVM (not a child it is forking, which shows its parent's command line until it execs).
   */
  private static boolean isRank(ProcessHandle process) {
    return ProcessWatch.isRank(ProcessWatch.commandLine(process.pid()), MpirunCommand.RANK_MAIN)
        && !process
            .parent()
            .map(
                p ->
                    ProcessWatch.isRank(ProcessWatch.commandLine(p.pid()), MpirunCommand.RANK_MAIN))
            .orElse(false);
  }

  /** Bytes of every file under {@code folder}. */
  static long size(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              f -> {
                try {
                  return Files.size(f);
                } catch (IOException e) {
                  return 0; // gone meanwhile (a rotated log, a replaced file)
                }
              })
          .sum();
    } catch (UncheckedIOException e) {
      return size(folder); // a file vanished while walking: walk again
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private void say(String what) {
    out.println("soak: " + what);
    out.flush();
  }
}
