package dev.wall.bench;

import dev.wall.bench.cluster.LaunchScaling;
import dev.wall.bench.report.Comparison;
import dev.wall.bench.report.Figures;
import dev.wall.bench.report.Machine;
import dev.wall.bench.report.ResultTable;
import dev.wall.bench.sampling.OffBeatRate;
import dev.wall.bench.sampling.SamplerKind;
import dev.wall.bench.sampling.SamplingStats;
import dev.wall.bench.wall.Clips;
import dev.wall.bench.wall.WallBuild;
import dev.wall.core.testing.RepoFiles;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The pixel sync benchmark (issue 5): runs each case, then prints one table with the date and the
 * machine. bench/run runs it with every case.
 */
@Command(
    name = "bench/run",
    mixinStandardHelpOptions = true,
    description =
        "Measures wall sync from pixels: screenshots of real walls under Xvfb, every screen's"
            + " frame number read from its bar code.")
public final class BenchMain implements Callable<Integer> {
  @Option(
      names = "--cases",
      split = ",",
      paramLabel = "CASE",
      description =
          "Cases to run, by number or name: 1 seed, 2 plain, 3 fast-clock (one clock +2000 ppm),"
              + " 4 loaded (a CPU hog per core), 5 eight-screens, 6 60fps, 7 nodes (four nodes over TCP with a fast"
              + " clock and a CPU hog: a namespace cluster, needs root), 8 decoding (every screen decodes a noisy"
              + " 1920x1080 H.264 clip into its window), 9 decoding-fast-clock, 10 60fps-loaded (default: all);"
              + " span: a 3x3 span wall three ways side by side (14 span-clips, a clip per screen; 15"
              + " span-cropped, cropped by each player; 16 span-prepared, by wall media prepare), not in all.")
  List<String> cases = List.of("all");

  @Option(
      names = "--wall",
      paramLabel = "DIR",
      description =
          "Play another build of wall: a checkout built with mvn package (its wall-player/target), or"
              + " an installed one (/opt/wall). Default: this checkout's.")
  Path wallDir;

  @Option(
      names = "--before",
      paramLabel = "DIR",
      description =
          "A/B in one sitting: every case is played by DIR's build (as --wall reads it), then by this"
              + " checkout's (or --wall's), alternating, and each figure of the second is compared with the first.")
  Path beforeDir;

  @Option(
      names = "--repeat",
      defaultValue = "1",
      paramLabel = "N",
      description =
          "Run the cases N times over (with --before: N alternations) (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(
      names = "--compare",
      paramLabel = "FILE",
      description =
          "Print each figure beside the same figure of an earlier run (its results.json, or one recorded"
              + " in bench/baseline/), as a ratio, and flag any more than 20%% worse.")
  Path compareFile;

  @Option(
      names = "--seconds",
      defaultValue = "65",
      description =
          "Seconds of screenshots per case, from start-up on (default: ${DEFAULT-VALUE}: three seams).")
  int seconds;

  @Option(
      names = "--skew-seconds",
      defaultValue = "125",
      description = "The same for cases 3 and 6, with a fast clock (default: ${DEFAULT-VALUE}).")
  int skewSeconds;

  @Option(
      names = "--rate",
      defaultValue = "10",
      description =
          "About this many screenshots per second, stepped off the clips' frame rate"
              + " (default: ${DEFAULT-VALUE}, which is 8.87: 3.382 frames apart).")
  double rate;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where each case's files go (default: REPO/out/bench).")
  Path outOption;

  @Option(
      names = "--clips",
      paramLabel = "DIR",
      description = "Clip cache (default: REPO/out/bench/clips).")
  Path clipDir;

  @Option(
      names = "--transitions",
      paramLabel = "RUNS",
      description =
          "Instead of the cases: measure how mpv goes from one playlist item to the next (one EDL"
              + " timeline, a preloaded next file, a reload), RUNS times each.")
  Integer transitionRuns;

  @Option(
      names = "--compare-sampling",
      paramLabel = "SECONDS",
      description =
          "Instead of the cases: run case 2 with each way of taking screenshots and compare them.")
  Integer compareSeconds;

  @Option(
      names = "--scaling",
      description =
          "Instead of the cases: launch scaling across hosts (a namespace cluster; needs root): 4 local"
              + " ranks, then 4, 8 and 16 nodes with one screen each and 16 nodes with two, in one run.")
  boolean scaling;

  @Option(
      names = "--preflight",
      paramLabel = "NODES",
      description =
          "Instead of the cases: only the checks before a start (wall play's preflight) on NODES"
              + " namespace nodes with a screen each (needs root), 5 runs from node 1, and their median.")
  Integer preflightNodes;

  @Option(
      names = "--model",
      description =
          "Instead of the cases: the scaling model (issue 23): 2, 4, 8, 16 and 32 ranks that decode"
              + " nothing, over shared memory and over TCP; a control round's cost per rank and a"
              + " rank's start, and from them 32 screens on 16 nodes with a core each.")
  boolean model;

  @Option(
      names = "--model-ranks",
      paramLabel = "N,N...",
      split = ",",
      description = "With --model: the rank counts to launch (default 2,4,8,16,32).")
  List<Integer> modelRanks = List.of(2, 4, 8, 16, 32);

  @Option(
      names = "--faults",
      paramLabel = "KILLS",
      description =
          "Instead of the cases: the recovery figures (issue 13): KILLS kills of a player and three of a"
              + " rank in a 4-screen wall under wall play --forever, judged from screenshots.")
  Integer faults;

  @Option(
      names = "--soak",
      paramLabel = "LOOPS",
      description =
          "Instead of the cases: the soak (issue 13): LOOPS loops of a 1 s clip on 4 screens; controller"
              + " and rank memory from loop 100 to the end, and the run folder's size.")
  Integer soakLoops;

  @Option(
      names = "--commands",
      paramLabel = "N",
      description =
          "Instead of the cases: show control's latency (issue 25): N of each command (pause, resume,"
              + " goto, blank, unblank, trigger) on a 4-screen wall through wall ctl's socket, from the command"
              + " to every screen's first changed frame, judged from screenshots.")
  Integer commands;

  private final PrintStream out = System.out;

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Path repo = RepoFiles.root();
    Path outDir = outOption != null ? outOption : repo.resolve("out/bench");
    Clips clips = new Clips(clipDir != null ? clipDir : outDir.resolve("clips"));
    String started = Machine.now();
    String loads = Machine.loads();
    if (model) {
      List<dev.wall.bench.model.ScalingModel.Run> runs =
          new dev.wall.bench.model.ScalingModel(outDir.resolve("model"), out).run(modelRanks);
      java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
      dev.wall.bench.model.ScalingModel.print(
          runs,
          32,
          16,
          Runtime.getRuntime().availableProcessors(),
          loads,
          new PrintStream(text, true));
      out.println();
      out.print(text);
      Files.createDirectories(outDir);
      Files.write(outDir.resolve("model.md"), text.toByteArray());
      return 0;
    }
    if (preflightNodes != null) {
      double median =
          new LaunchScaling(outDir.resolve("preflight"), clips, out)
              .preflightOnly(preflightNodes, 5);
      out.printf(
          java.util.Locale.ROOT,
          "checks before a start, %d nodes: median of 5 %.3f s (load at the start %s)%n",
          preflightNodes,
          median,
          loads);
      return 0;
    }
    if (scaling) {
      List<LaunchScaling.Row> rows =
          new LaunchScaling(outDir.resolve("scaling"), clips, out)
              .run(
                  List.of(
                      new LaunchScaling.Wall("4 local ranks", 1, 4, true),
                      new LaunchScaling.Wall("4 nodes", 4, 1, false),
                      new LaunchScaling.Wall("8 nodes", 8, 1, false),
                      new LaunchScaling.Wall("16 nodes", 16, 1, false),
                      new LaunchScaling.Wall("16 nodes x2", 16, 2, false)));
      String table = LaunchScaling.table(rows, started, loads);
      out.println();
      out.print(table);
      Files.createDirectories(outDir);
      Files.writeString(outDir.resolve("scaling.md"), table);
      return 0;
    }
    if (transitionRuns != null) {
      String table = new Transitions(clips, outDir.resolve("transitions"), out).run(transitionRuns);
      out.println();
      out.print(table);
      Files.createDirectories(outDir);
      Files.writeString(outDir.resolve("transitions.md"), table);
      return 0;
    }
    if (compareSeconds != null) {
      return compareSampling(
          clips, outDir.resolve("compare-sampling"), Duration.ofSeconds(compareSeconds));
    }
    if (faults != null) {
      new dev.wall.bench.faults.FaultBenchmark(clips, outDir.resolve("faults"), out).run(faults);
      return 0;
    }
    if (commands != null) {
      String table =
          new dev.wall.bench.commands.CommandLatency(clips, outDir.resolve("commands"), out)
              .run(commands);
      out.println();
      out.print(table);
      return 0;
    }
    if (soakLoops != null) {
      return new dev.wall.bench.soak.Soak(outDir.resolve("soak"), out).run(soakLoops) ? 0 : 1;
    }
    List<BenchCase> selected;
    try {
      List<BenchCase> standard =
          BenchCase.all(Duration.ofSeconds(seconds), Duration.ofSeconds(skewSeconds));
      List<BenchCase> span = BenchCase.span(Duration.ofSeconds(seconds));
      List<BenchCase> every = new ArrayList<>(standard);
      every.addAll(span);
      List<String> named =
          cases.stream().filter(n -> !n.equals("all") && !n.equals(BenchCase.SPAN)).toList();
      java.util.Set<BenchCase> chosen = new java.util.LinkedHashSet<>();
      if (cases.contains("all")) {
        chosen.addAll(standard);
      }
      if (!named.isEmpty()) {
        chosen.addAll(BenchCase.select(every, named));
      }
      if (cases.contains(BenchCase.SPAN)) {
        chosen.addAll(span);
      }
      selected = new ArrayList<>(chosen);
    } catch (IllegalArgumentException e) {
      System.err.println("bench/run: " + e.getMessage());
      return 2;
    }
    Figures recorded = null;
    WallBuild wall;
    WallBuild before;
    try {
      recorded = compareFile == null ? null : Figures.read(compareFile);
      wall = wallDir == null ? WallBuild.current() : WallBuild.of(wallDir);
      before = beforeDir == null ? null : WallBuild.of(beforeDir);
    } catch (java.io.IOException e) {
      System.err.println("bench/run: " + e.getMessage());
      return 2;
    }
    String bench = WallBuild.current().commit();
    List<CaseResult> results = new ArrayList<>();
    List<CaseResult> befores = new ArrayList<>();
    for (int round = 1; round <= repeat; round++) {
      String suffix = round == 1 ? "" : "-" + round;
      for (BenchCase c : selected) {
        if (before != null && c.method() == BenchCase.Method.OURS) {
          out.println("bench: case " + c.number() + ": before, " + before.describe());
          befores.add(
              new CaseRunner(
                      clips,
                      outDir.resolve("before" + suffix),
                      rate,
                      SamplerKind.STREAM,
                      out,
                      before)
                  .run(c));
          out.println("bench: case " + c.number() + ": after, " + wall.describe());
        }
        Path dir =
            before != null
                ? outDir.resolve("after" + suffix)
                : round == 1 ? outDir : outDir.resolve("run" + suffix);
        results.add(new CaseRunner(clips, dir, rate, SamplerKind.STREAM, out, wall).run(c));
      }
    }
    String report = report(started, loads, results);
    Figures figures = Figures.of(started, loads, bench, results);
    Files.createDirectories(outDir);
    if (before != null) {
      Figures beforeFigures = Figures.of(started, loads, bench, befores);
      report =
          "Before: "
              + before.describe()
              + "\n\n"
              + report(started, loads, befores)
              + "\nAfter: "
              + wall.describe()
              + "\n\n"
              + report
              + "\n"
              + abComparison(beforeFigures, figures);
      beforeFigures.write(outDir.resolve("before.json"));
    }
    if (recorded != null) {
      report += "\n" + Comparison.render(compareFile.toString(), recorded, "this run", figures);
    }
    out.println();
    out.print(report);
    Files.writeString(outDir.resolve("results.md"), report);
    figures.write(outDir.resolve("results.json"));
    out.println(
        "\n(also in "
            + outDir.resolve("results.md")
            + " and, for --compare, "
            + outDir.resolve("results.json")
            + "; per case: samples.csv, evidence/, logs)");
    return 0;
  }

  /** Each "after" beside the "before" of the same case and round, in the order they ran. */
  private static String abComparison(Figures before, Figures after) {
    return Comparison.render("before", before, "after", after);
  }

  /** The table with its header (date, machine, load), then each case's details. */
  public static String report(String started, String loads, List<CaseResult> results) {
    StringBuilder text = new StringBuilder();
    text.append("Pixel sync benchmark, ").append(started).append('\n');
    text.append("Machine: ").append(Machine.describe()).append('\n');
    text.append("Load average at the start (1, 5, 15 min): ")
        .append(loads)
        .append("; now: ")
        .append(Machine.loads())
        .append('\n');
    text.append(
        String.format(
            Locale.ROOT,
            "Clips: %dx%d, %d fps, %d s (%d frames), one window each%s; spread in frames, the short way round the loop.%n",
            Clips.WIDTH,
            Clips.HEIGHT,
            Clips.FPS,
            Clips.SECONDS,
            Clips.FRAMES,
            otherClips(results)));
    text.append(
        String.format(
            Locale.ROOT,
            "Screenshots a whole number of frames and %.3f of a frame apart, so they sweep every point of a frame.%n%n",
            OffBeatRate.PHASE_STEP));
    text.append(ResultTable.render(results)).append('\n');
    dev.wall.bench.report.SpanTable.render(results)
        .ifPresent(table -> text.append(table).append('\n'));
    for (CaseResult r : results) {
      text.append(Details.of(r));
    }
    return text.toString();
  }

  /** The clips of cases that play other than issue 5's, named. */
  private static String otherClips(List<CaseResult> results) {
    StringBuilder text = new StringBuilder();
    for (CaseResult r : results) {
      var show = r.benchCase().show();
      if (!show.equals(dev.wall.bench.wall.Show.CLIPS_30) && show.fps() != Clips.FPS) {
        text.append(
            String.format(
                Locale.ROOT,
                " (case %d: %d fps, %d s, %d frames)",
                r.benchCase().number(),
                show.fps(),
                show.itemSeconds(),
                show.loopFrames()));
      }
    }
    return text.toString();
  }

  private int compareSampling(Clips clips, Path outDir, Duration length) throws Exception {
    List<CaseResult> results = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    for (SamplerKind kind : SamplerKind.values()) {
      CaseResult r =
          new CaseRunner(clips, outDir, rate, kind, out).run(BenchCase.shortForm(length));
      results.add(r);
      SamplingStats s = r.sampling();
      lines.add(
          String.format(
              Locale.ROOT,
              "%-6s: %d captures, %.2f/s (asked %.1f), gap median %.0f ms, p95 %.0f ms, max %.0f ms,"
                  + " grab instant known to ±%.0f ms; tiles: %d undecodable, %d torn, %d blank; max spread %d,"
                  + " load %.1f→%.1f",
              kind,
              s.captures(),
              s.perSecond(),
              rate,
              s.medianIntervalMs(),
              s.p95IntervalMs(),
              s.maxIntervalMs(),
              s.meanUncertaintyMs(),
              r.sync().undecodableTiles(),
              r.sync().tornTiles(),
              r.sync().blankTiles(),
              r.sync().maxSpread(),
              r.loadBefore(),
              r.loadAfter()));
    }
    out.println();
    lines.forEach(out::println);
    results.forEach(r -> out.print(Details.of(r)));
    return 0;
  }
}
