package dev.wall.bench;

import dev.wall.bench.BenchCase.Method;
import dev.wall.bench.analysis.Sample;
import dev.wall.bench.analysis.SyncAnalysis;
import dev.wall.bench.cluster.Netem;
import dev.wall.bench.code.FrameCode;
import dev.wall.bench.report.Machine;
import dev.wall.bench.sampling.DisplaySampler;
import dev.wall.bench.sampling.OffBeatRate;
import dev.wall.bench.sampling.SamplerKind;
import dev.wall.bench.sampling.SamplingStats;
import dev.wall.bench.seed.SeedRankMain;
import dev.wall.bench.wall.BenchLayout;
import dev.wall.bench.wall.Clips;
import dev.wall.bench.wall.CpuHogs;
import dev.wall.bench.wall.FastClock;
import dev.wall.bench.wall.ProcessWatch;
import dev.wall.bench.wall.Show;
import dev.wall.bench.wall.WallBuild;
import dev.wall.bench.wall.WallLaunch;
import dev.wall.bench.wall.WallReport;
import dev.wall.player.display.VirtualDisplay;
import dev.wall.player.launch.MpirunCommand;
import dev.wall.player.players.PlayerException;
import dev.wall.player.process.ChildProcess;
import dev.wall.player.testing.NamespaceCluster;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs one case: its own Xvfb, the clips, a sampler on the whole display, then the wall, launched
 * as a technician would; screenshots until the case's time is up, then everything is stopped by its
 * handle, in reverse order, and the figures are worked out.
 */
public final class CaseRunner {
  private static final Duration DISPLAY_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration FIRST_CAPTURE_TIMEOUT = Duration.ofSeconds(20);

  /** Generous: start-up is a figure, not a gate; a wall that takes this long has failed. */
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private static final Duration WALL_STOP_GRACE = Duration.ofSeconds(5);
  private static final Duration CLOCK_CHECK_LENGTH = Duration.ofSeconds(10);

  private final Clips clips;
  private final Path outDir;
  private final double askedPerSecond;
  private final SamplerKind sampler;
  private final PrintStream progress;
  private final WallBuild build;

  /**
   * @param outDir each case writes its layout, logs, samples.csv and evidence PNGs under it
   * @param samplesPerSecond about this many screenshots a second: the rate used is the nearest that
   *     does not beat with the clips' frame rate ({@link OffBeatRate})
   * @param sampler how to take them
   * @param progress one line per step, for whoever watches
   */
  public CaseRunner(
      Clips clips,
      Path outDir,
      double samplesPerSecond,
      SamplerKind sampler,
      PrintStream progress) {
    this(clips, outDir, samplesPerSecond, sampler, progress, WallBuild.current());
  }

  /** The same, playing {@code build}'s wall (the seed's loop is always the benchmark's own). */
  public CaseRunner(
      Clips clips,
      Path outDir,
      double samplesPerSecond,
      SamplerKind sampler,
      PrintStream progress,
      WallBuild build) {
    this.clips = clips;
    this.outDir = outDir;
    this.askedPerSecond = samplesPerSecond;
    this.sampler = sampler;
    this.progress = progress;
    this.build = build;
  }

  /** What one case is set up with, before the wall starts. */
  private record Stage(
      BenchCase c,
      BenchLayout layout,
      Path layoutFile,
      Path dir,
      String display,
      Map<String, String> env,
      List<String> notes,
      double loadBefore,
      NamespaceCluster cluster) {
    /** Where the wall is started: node 1 of the cluster, or here. */
    NamespaceCluster.Node controller() {
      return cluster == null ? null : cluster.node(1);
    }
  }

  /** What happened once the wall was launched. */
  private record Played(
      long launch,
      String failure,
      ProcessWatch watch,
      Optional<Duration> samplerCpu,
      double ownCpuSeconds,
      double seconds) {}

  public CaseResult run(BenchCase c) throws IOException, InterruptedException {
    Path dir =
        Files.createDirectories(
            outDir.resolve(
                "case-"
                    + c.number()
                    + (sampler == SamplerKind.STREAM
                        ? ""
                        : "-" + sampler.name().toLowerCase(Locale.ROOT))));
    deleteTree(dir.resolve("evidence"));
    BenchLayout layout = BenchLayout.grid(c.screens());
    say(c, "clips");
    if (c.show().content().span()) {
      clips.ensureSpan(layout.width() / Clips.WIDTH, layout.height() / Clips.HEIGHT, c.show());
    } else {
      clips.ensure(layout.names(), c.show());
    }
    double samplesPerSecond = OffBeatRate.near(askedPerSecond, c.show().fps());
    double loadBefore = Machine.load();
    if (c.nodes() > 0) {
      say(c, "a cluster of " + c.nodes() + " network namespaces, each with its own sshd");
    }
    try (NamespaceCluster cluster =
            c.nodes() > 0 ? NamespaceCluster.start(dir.resolve("cluster"), c.nodes()) : null;
        VirtualDisplay display =
            VirtualDisplay.start(
                layout.width(), layout.height(), dir.resolve("xvfb"), DISPLAY_TIMEOUT)) {
      List<String> hosts =
          cluster == null
              ? List.of()
              : java.util.stream.IntStream.range(0, c.screens())
                  .mapToObj(i -> cluster.node(1 + i % c.nodes()).hostname())
                  .toList();
      // wall play finds prepared clips by the layout's file name (mediaRoot/prepared/NAME): only
      // the prepared case's name has any.
      String fileName =
          c.show().content() == Show.Content.SPAN_PREPARED ? "span-prepared.json" : "wall.json";
      Path layoutFile = layout.write(dir.resolve(fileName), clips.dir(), c.show(), hosts);
      Stage stage =
          new Stage(
              c,
              layout,
              layoutFile,
              dir,
              display.display(),
              new HashMap<>(),
              new ArrayList<>(),
              loadBefore,
              cluster);
      if (cluster != null) {
        stage.notes.add(
            "screens on "
                + hosts
                + ", wall play started inside "
                + cluster.node(1).hostname()
                + "; the fast clock is screen s1's, on node 1; the CPU hog runs inside node 2");
        stage.notes.add(Netem.delayEveryLink(cluster, "0.5ms", "0.3ms"));
      }
      if (c.show().content() == Show.Content.SPAN_PREPARED) {
        String failure = prepare(stage);
        if (failure != null) {
          return failed(stage, failure);
        }
      }
      if (c.fastClock() && !fastClock(stage)) {
        return failed(stage, "libfaketime did not speed the player up (see notes)");
      }
      FrameCode code = FrameCode.forClip(Clips.WIDTH, Clips.HEIGHT);
      try (CpuHogs hogs =
              !c.cpuHog()
                  ? null
                  : cluster == null
                      ? CpuHogs.start(Runtime.getRuntime().availableProcessors(), dir)
                      : CpuHogs.start(1, dir, cluster.node(2)::exec);
          Recorder recorder =
              new Recorder(layout.windows(), code, c.show(), dir.resolve("evidence"));
          DisplaySampler screenshots =
              sampler.create(
                  display.display(), layout.width(), layout.height(), samplesPerSecond, dir)) {
        screenshots.start(recorder);
        if (!await(FIRST_CAPTURE_TIMEOUT, () -> recorder.captures() > 0)) {
          return failed(
              stage,
              "no screenshot within "
                  + FIRST_CAPTURE_TIMEOUT.toSeconds()
                  + " s ("
                  + dir.resolve("ffmpeg.log")
                  + ")");
        }
        Played played = play(stage, recorder, screenshots, hogs);
        return figures(stage, recorder, played);
      }
    }
  }

  /**
   * {@code wall media prepare} on the case's layout, by this checkout's code (in this JVM), before
   * the wall is played: its clips are what {@code wall play} then finds. Returns why it failed, or
   * null.
   */
  private String prepare(Stage s) {
    say(s.c, "wall media prepare");
    java.io.StringWriter said = new java.io.StringWriter();
    long started = System.nanoTime();
    int code =
        dev.wall.player.cli.WallCli.run(
            new java.io.PrintWriter(said, true),
            new java.io.PrintWriter(said, true),
            "media",
            "prepare",
            s.layoutFile.toString());
    try {
      Files.writeString(s.dir.resolve("prepare.log"), said.toString());
    } catch (IOException e) {
      // The log is evidence only.
    }
    if (code != 0) {
      return "wall media prepare failed (exit " + code + "): " + said.toString().strip();
    }
    s.notes.add(
        String.format(
            Locale.ROOT,
            "wall media prepare took %.1f s: %s",
            (System.nanoTime() - started) / 1e9,
            said.toString().lines().filter(l -> l.contains(" encoded, ")).findFirst().orElse("?")));
    return null;
  }

  /** Launches the wall, samples until the case's time is up, and stops it all, sampler first. */
  private Played play(Stage s, Recorder recorder, DisplaySampler screenshots, CpuHogs hogs)
      throws IOException {
    Path report = s.dir.resolve("report.jsonl");
    Files.deleteIfExists(report);
    if (s.c.method() == Method.OURS) {
      warmUp(s);
    }
    say(s.c, "launching the wall, " + s.layout.screens() + " screens on " + s.display);
    long ownCpuBefore = ownCpuNanos();
    long launch = System.nanoTime();
    recorder.launchedAt(launch);
    ChildProcess wall = launch(s, report);
    ProcessWatch watch =
        new ProcessWatch(
            wall.process().toHandle(),
            s.c.method() == Method.OURS ? MpirunCommand.RANK_MAIN : SeedRankMain.class.getName(),
            s.layout.screens());
    Optional<Duration> samplerCpu;
    String failure;
    try {
      failure = sample(s, wall, recorder, hogs, launch, watch);
    } finally {
      recorder.stopRecording();
      samplerCpu = screenshots.cpuTime();
      screenshots.close();
      watch.close();
      wall.stop(WALL_STOP_GRACE);
    }
    say(s.c, "done" + (failure == null ? "" : ": " + failure));
    double seconds = (System.nanoTime() - launch) / 1e9;
    return new Played(
        launch, failure, watch, samplerCpu, (ownCpuNanos() - ownCpuBefore) / 1e9, seconds);
  }

  /** Start-up is judged as on a node that has played before: the class archives exist. */
  private void warmUp(Stage s) throws IOException {
    try {
      WallLaunch.warmUp(
          build, s.layoutFile, s.dir.resolve("run"), s.dir.resolve("warm-up.log"), s.controller());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while warming up", e);
    }
  }

  private ChildProcess launch(Stage s, Path report) throws IOException {
    Path runDir = s.dir.resolve("run");
    Path log = s.dir.resolve("wall.log");
    return s.c.method() == Method.OURS
        ? WallLaunch.play(
            build, s.layoutFile, s.display, runDir, report, s.env, log, s.controller())
        : WallLaunch.seed(s.layoutFile, s.layout.screens(), s.display, runDir, s.env, log);
  }

  /**
   * Waits for start-up, then for the case's sampling time; returns why it was cut short, or null.
   */
  private String sample(
      Stage s,
      ChildProcess wall,
      Recorder recorder,
      CpuHogs hogs,
      long launch,
      ProcessWatch watch) {
    await(STARTUP_TIMEOUT, () -> recorder.startupNanos() >= 0 || !wall.isAlive());
    if (recorder.startupNanos() < 0) {
      return wall.isAlive()
          ? "no screenshot had every screen moving within " + STARTUP_TIMEOUT.toSeconds() + " s"
          : "the wall exited with code "
              + wall.process().exitValue()
              + " ("
              + s.dir.resolve("wall.log")
              + ")";
    }
    say(
        s.c,
        String.format(
            Locale.ROOT,
            "all screens moving after %.2f s; sampling for %d s",
            (recorder.startupNanos() - launch) / 1e9,
            s.c.sampling().toSeconds()));
    watch.markCpuStart();
    long end = recorder.startupNanos() + s.c.sampling().toNanos();
    await(
        Duration.ofNanos(end - System.nanoTime()),
        () -> !wall.isAlive() || hogs != null && !hogs.allAlive());
    watch.markCpuEnd();
    if (!wall.isAlive()) {
      return "the wall exited early with code "
          + wall.process().exitValue()
          + ": "
          + String.join(" | ", wall.lastLogLines(3));
    }
    return hogs != null && !hogs.allAlive() ? "a CPU hog died" : null;
  }

  private CaseResult figures(Stage s, Recorder recorder, Played played) throws IOException {
    long launch = played.launch;
    List<Sample> samples = recorder.samples().stream().filter(x -> x.nanos() > launch).toList();
    Show show = s.c.show();
    writeSamples(s.dir.resolve("samples.csv"), samples, launch, s.layout, show.loopFrames());
    List<String> notes = s.notes;
    int seeks = -1;
    long dropped = -1;
    CaseResult.ShowFigures showFigures = null;
    if (s.c.method() == Method.OURS) {
      WallReport report = WallReport.read(s.dir.resolve("report.jsonl"), s.layout.names().get(0));
      seeks = report.seeks();
      dropped = report.droppedFrames();
      notes.add(
          report.loops()
              + " loops reported; the runtime's own worst skew per loop, ms: "
              + report.skewsMs());
      if (dropped >= 0) {
        notes.add(
            "frames the players dropped, as the wall reports them: "
                + dropped
                + (report.droppedPerScreen().isEmpty() ? "" : " " + report.droppedPerScreen()));
      }
      if (s.c.fastClock()) {
        notes.add(
            "fast screen "
                + s.layout.names().get(0)
                + (show.fastScreenIsClock() ? " (the clock, with sound)" : "")
                + "'s rate at each seam: "
                + report.rates());
      }
      SyncAnalysis.TransitionFigures transitions =
          new SyncAnalysis(show.loopFrames()).transitions(samples, show.itemFrames());
      if (show.items() > 1) {
        notes.add(
            String.format(
                Locale.ROOT,
                "playlist of %d items: %d transitions seen (the loop seam included),"
                    + " %d screenshots at them, max spread %d, spreads %s, %d failed tiles; report: %d loops, %d items,"
                    + " items per loop %s",
                show.items(),
                transitions.transitions(),
                transitions.samples(),
                transitions.maxSpread(),
                transitions.spreadCounts(),
                transitions.failedTiles(),
                report.loopsPlayed(),
                report.itemsPlayed(),
                report.itemsPerLoop()));
      }
      java.util.SortedMap<Integer, Integer> leads = new java.util.TreeMap<>();
      double lead = Double.NaN;
      if (show.latencyMs() != 0) {
        lead = leads(samples, Show.LATENCY_SCREEN, show.loopFrames(), leads);
        notes.add(
            String.format(
                Locale.ROOT,
                "screen %s (latencyMs %d, %d frames at %d fps) ran ahead of the"
                    + " others' median by %.1f frames (median); screenshots per lead: %s; the spreads above are the"
                    + " other screens'",
                s.layout.names().get(Show.LATENCY_SCREEN),
                show.latencyMs(),
                show.latencyFrames(),
                show.fps(),
                lead,
                leads));
        samples = samples.stream().map(x -> without(x, Show.LATENCY_SCREEN)).toList();
      }
      showFigures = new CaseResult.ShowFigures(transitions, lead, leads, report);
    }
    if (s.c.method() == Method.SEED) {
      notes.add(
          "start-up counts from launching mpirun: the seed has no controller JVM in front of it");
    }
    ProcessWatch watch = played.watch;
    if (s.c.fastClock()) {
      notes.add(
          "players with libfaketime loaded: "
              + watch.fakeTimeTitles()
              + " (want only wall:"
              + s.layout.names().get(0)
              + ")");
    }
    notes.add(
        String.format(
            Locale.ROOT,
            "%d rank JVMs and %d mpv processes watched",
            watch.ranksSeen(),
            watch.playersSeen()));
    ProcessWatch.CpuUse cpu = watch.cpuUse();
    if (cpu != null) {
      notes.add(
          String.format(
              Locale.ROOT,
              "CPU while sampling, in %% of one core: a rank %.1f%%, a player %.1f%%" + " (means)",
              cpu.rankPercent(),
              cpu.playerPercent()));
    }
    if (s.c.method() == Method.OURS) {
      notes.add("wall played: " + build.describe());
    }
    notes.add(startupBreakdown(launch, s.layout.screens(), watch, recorder));
    notes.add(
        String.format(
            Locale.ROOT,
            "cost of measuring, in %% of one core over the run: screenshots (ffmpeg)"
                + " %s, decoding (benchmark JVM) %.0f%%",
            played
                .samplerCpu
                .map(
                    d ->
                        String.format(
                            Locale.ROOT, "%.0f%%", d.toNanos() / 1e9 / played.seconds * 100))
                .orElse("?"),
            played.ownCpuSeconds / played.seconds * 100));
    return new CaseResult(
        s.c,
        new SyncAnalysis(show.loopFrames()).analyse(samples, launch),
        SamplingStats.of(recorder.times().stream().filter(t -> t.nanos() > launch).toList()),
        watch.rankPeakKb(),
        watch.playerPeakKb(),
        seeks,
        s.loadBefore,
        Machine.load(),
        notes,
        played.failure,
        showFigures,
        new CaseResult.Run(s.c.method() == Method.OURS ? build : null, cpu, dropped));
  }

  /**
   * How far ahead of the median of the other screens {@code screen} ran, in frames, per screenshot
   * with every tile read (counted into {@code counts}); returns the median.
   */
  static double leads(
      List<Sample> samples,
      int screen,
      int loopFrames,
      java.util.SortedMap<Integer, Integer> counts) {
    List<Integer> leads = new ArrayList<>();
    for (Sample sample : samples) {
      if (!sample.allDecoded()) {
        continue;
      }
      int[] others = new int[sample.tiles().size() - 1];
      int anchor = sample.tiles().get(0 == screen ? 1 : 0).frame();
      for (int i = 0, j = 0; i < sample.tiles().size(); i++) {
        if (i != screen) {
          // Relative to one of them, so a seam between them does not read as a loop apart.
          others[j++] =
              anchor
                  + dev.wall.bench.analysis.Spread.circularDelta(
                      anchor, sample.tiles().get(i).frame(), loopFrames);
        }
      }
      java.util.Arrays.sort(others);
      int median = others[others.length / 2];
      int lead =
          dev.wall.bench.analysis.Spread.circularDelta(
              median, sample.tiles().get(screen).frame(), loopFrames);
      leads.add(lead);
      counts.merge(lead, 1, Integer::sum);
    }
    return dev.wall.bench.analysis.Spread.median(
        leads.stream().mapToInt(Integer::intValue).toArray());
  }

  private static Sample without(Sample sample, int screen) {
    List<dev.wall.bench.code.TileReading> tiles = new ArrayList<>(sample.tiles());
    tiles.remove(screen);
    return new Sample(sample.nanos(), List.copyOf(tiles));
  }

  /** Where start-up time went, for whoever tunes it (process times are polled every 200 ms). */
  private static String startupBreakdown(
      long launch, int screens, ProcessWatch watch, Recorder recorder) {
    return "start-up, s after launch: first rank JVM "
        + since(launch, watch.rankSeenNanos(1))
        + ", all "
        + screens
        + " rank JVMs "
        + since(launch, watch.rankSeenNanos(screens))
        + ", first mpv "
        + since(launch, watch.playerSeenNanos(1))
        + ", all mpv "
        + since(launch, watch.playerSeenNanos(screens))
        + ", first clip picture on screen "
        + since(launch, recorder.firstPictureNanos())
        + ", every screen showing a frame "
        + since(launch, recorder.allShownNanos())
        + ", every screen moving "
        + since(launch, recorder.startupNanos());
  }

  private static String since(long launch, long nanos) {
    return nanos < 0 ? "never" : String.format(Locale.ROOT, "%.2f", (nanos - launch) / 1e9);
  }

  private static long ownCpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  /** Installs the faketime wrapper and checks, with two players side by side, that it works. */
  private boolean fastClock(Stage s) throws IOException {
    String fastScreen = s.layout.names().get(0);
    FastClock fast = FastClock.install(s.dir.resolve("fast-clock-bin"), fastScreen);
    say(s.c, "checking that libfaketime speeds mpv up (" + CLOCK_CHECK_LENGTH.toSeconds() + " s)");
    try {
      Path clip = clips.dir().resolve(Clips.fileName(fastScreen, s.c.show(), 0));
      FastClock.ClockCheck check =
          fast.check(s.display, clip, s.dir.resolve("clock-check"), CLOCK_CHECK_LENGTH);
      s.notes.add(
          String.format(
              Locale.ROOT,
              "clock check (mpv time-pos against real time, %d s): faked player %+.0f ppm, plain player %+.0f ppm",
              CLOCK_CHECK_LENGTH.toSeconds(),
              check.fastPpm(),
              check.referencePpm()));
      s.env.putAll(fast.environment());
      return check.confirmed();
    } catch (PlayerException e) {
      s.notes.add("clock check failed: " + e.getMessage());
      return false;
    }
  }

  private static void writeSamples(
      Path file, List<Sample> samples, long launch, BenchLayout layout, int loopFrames)
      throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("ms_since_launch," + String.join(",", layout.names()) + ",spread");
    for (Sample s : samples) {
      lines.add(
          (s.nanos() - launch) / 1_000_000
              + ","
              + s.tiles().stream().map(Object::toString).collect(Collectors.joining(","))
              + ","
              + (s.allDecoded() ? String.valueOf(s.spread(loopFrames)) : ""));
    }
    Files.write(file, lines);
  }

  private CaseResult failed(Stage s, String failure) {
    say(s.c, "failed: " + failure);
    return new CaseResult(
        s.c,
        new SyncAnalysis(s.c.show().loopFrames()).analyse(List.of(), 0),
        SamplingStats.of(List.of()),
        0,
        0,
        -1,
        s.loadBefore,
        Machine.load(),
        s.notes,
        failure);
  }

  private void say(BenchCase c, String what) {
    progress.println("bench: case " + c.number() + " (" + c.title() + "): " + what);
    progress.flush();
  }

  /** Polls every 20 ms until {@code done} or the time-out; says which. */
  private static boolean await(Duration timeout, BooleanSupplier done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      LockSupport.parkNanos(20_000_000);
    }
    return true;
  }

  /** Removes a folder this runner wrote before (old evidence would mislead). */
  private static void deleteTree(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
