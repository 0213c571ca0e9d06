package dev.wall.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wall.bench.BenchCase.Method;
import dev.wall.bench.analysis.Sample;
import dev.wall.bench.analysis.SyncAnalysis;
import dev.wall.bench.analysis.SyncFigures;
import dev.wall.bench.code.FrameCode;
import dev.wall.bench.report.Machine;
import dev.wall.bench.sampling.DisplaySampler;
import dev.wall.bench.sampling.SamplerKind;
import dev.wall.bench.sampling.SamplingStats;
import dev.wall.bench.wall.BenchLayout;
import dev.wall.bench.wall.Clips;
import dev.wall.bench.wall.CpuHogs;
import dev.wall.bench.wall.FastClock;
import dev.wall.bench.wall.ProcessWatch;
import dev.wall.bench.wall.WallLaunch;
import dev.wall.bench.baseline.SeedRankMain;
import dev.wall.player.display.VirtualDisplay;
import dev.wall.player.launch.MpirunCommand;
import dev.wall.player.process.ChildProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Runs one case: its own Xvfb, the clips, a sampler on the whole display, then the wall, launched
 * as a technician would; screenshots until the case's time is up, then everything is stopped by
 * its handle, in reverse order, and the figures are worked out.
 */
public final class CaseRunner {
  private static final Duration DISPLAY_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration FIRST_CAPTURE_TIMEOUT = Duration.ofSeconds(20);
  /** Generous: start-up is a figure, not a gate; a wall that takes this long has failed. */
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration WALL_STOP_GRACE = Duration.ofSeconds(5);
  private static final Duration CLOCK_CHECK_LENGTH = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Clips clips;
  private final Path outDir;
  private final double samplesPerSecond;
  private final SamplerKind sampler;
  private final PrintStream progress;

  /**
   * @param outDir each case writes its layout, logs, samples.csv and evidence PNGs under it
   * @param samplesPerSecond screenshots per second
   * @param sampler how to take them
   * @param progress one line per step, for whoever watches
   */
  public CaseRunner(Clips clips, Path outDir, double samplesPerSecond, SamplerKind sampler, PrintStream progress) {
    this.clips = clips;
    this.outDir = outDir;
    this.samplesPerSecond = samplesPerSecond;
    this.sampler = sampler;
    this.progress = progress;
  }

  public CaseResult run(BenchCase c) throws IOException, InterruptedException {
    Path dir = outDir.resolve("case-" + c.number() + (sampler == SamplerKind.STREAM ? "" : "-" + sampler.name().toLowerCase(Locale.ROOT)));
    Files.createDirectories(dir);
    BenchLayout layout = BenchLayout.grid(c.screens());
    say(c, "clips");
    clips.ensure(layout.names());
    Path layoutFile = layout.write(dir.resolve("wall.json"), clips.dir());
    double loadBefore = Machine.load();
    List<String> notes = new ArrayList<>();
    Map<String, String> env = new HashMap<>();
    try (VirtualDisplay display = VirtualDisplay.start(layout.width(), layout.height(), dir.resolve("xvfb"),
        DISPLAY_TIMEOUT)) {
      if (c.fastClock() && !fastClock(c, layout, display, dir, env, notes)) {
        return failed(c, loadBefore, notes, "libfaketime did not speed the player up (see notes)");
      }
      FrameCode code = FrameCode.forClip(Clips.WIDTH, Clips.HEIGHT);
      try (CpuHogs hogs = c.cpuHog() ? CpuHogs.start(Runtime.getRuntime().availableProcessors(), dir) : null;
          Recorder recorder = new Recorder(layout.windows(), code, Clips.FRAMES, dir.resolve("evidence"));
          DisplaySampler screenshots = sampler.create(display.display(), layout.width(), layout.height(),
              samplesPerSecond, dir)) {
        screenshots.start(recorder);
        await(FIRST_CAPTURE_TIMEOUT, () -> recorder.captures() > 0, "the first screenshot");
        return play(c, layout, layoutFile, display, dir, env, notes, recorder, screenshots, hogs, loadBefore);
      }
    }
  }

  private CaseResult play(BenchCase c, BenchLayout layout, Path layoutFile, VirtualDisplay display, Path dir,
      Map<String, String> env, List<String> notes, Recorder recorder, DisplaySampler sampler, CpuHogs hogs,
      double loadBefore) throws IOException, InterruptedException {
    Path report = dir.resolve("report.json");
    Files.deleteIfExists(report);
    Path runDir = dir.resolve("run");
    say(c, "launching the wall, " + layout.screens() + " screens on " + display.display());
    long launch = System.nanoTime();
    recorder.launchedAt(launch);
    ChildProcess wall = c.method() == Method.OURS
        ? WallLaunch.play(layoutFile, display.display(), runDir, report, env, dir.resolve("wall.log"))
        : WallLaunch.seed(layoutFile, layout.screens(), display.display(), runDir, env, dir.resolve("wall.log"));
    String rankMain = c.method() == Method.OURS ? MpirunCommand.RANK_MAIN : SeedRankMain.class.getName();
    ProcessWatch watch = new ProcessWatch(wall.process().toHandle(), rankMain, layout.screens());
    String failure = null;
    long ownCpuBefore = ownCpuNanos();
    java.util.Optional<Duration> samplerCpu = java.util.Optional.empty();
    try {
      awaitQuietly(STARTUP_TIMEOUT, () -> recorder.startupNanos() >= 0 || !wall.isAlive());
      if (recorder.startupNanos() < 0) {
        failure = wall.isAlive() ? "no screenshot had every screen moving within " + STARTUP_TIMEOUT.toSeconds() + " s"
            : "the wall exited with code " + wall.process().exitValue() + " (" + dir.resolve("wall.log") + ")";
      } else {
        say(c, String.format(Locale.ROOT, "all screens moving after %.2f s; sampling for %d s",
            (recorder.startupNanos() - launch) / 1e9, c.sampling().toSeconds()));
        long end = recorder.startupNanos() + c.sampling().toNanos();
        awaitQuietly(Duration.ofNanos(end - System.nanoTime()), () -> !wall.isAlive()
            || hogs != null && !hogs.allAlive());
        if (!wall.isAlive()) {
          failure = "the wall exited early with code " + wall.process().exitValue() + ": "
              + String.join(" | ", wall.lastLogLines(3));
        } else if (hogs != null && !hogs.allAlive()) {
          failure = "a CPU hog died";
        }
      }
    } finally {
      recorder.stopRecording();
      samplerCpu = sampler.cpuTime();
      sampler.close();
      watch.close();
      wall.stop(WALL_STOP_GRACE);
    }
    double loadAfter = Machine.load();
    double seconds = (System.nanoTime() - launch) / 1e9;
    notes.add(String.format(Locale.ROOT, "cost of measuring, in %% of one core over the run: screenshots (ffmpeg) %s,"
        + " decoding (benchmark JVM) %.0f%%", samplerCpu.map(d -> String.format(Locale.ROOT, "%.0f%%",
        d.toNanos() / 1e9 / seconds * 100)).orElse("?"), (ownCpuNanos() - ownCpuBefore) / 1e9 / seconds * 100));
    List<Sample> samples = recorder.samples().stream().filter(s -> s.nanos() > launch).toList();
    writeSamples(dir.resolve("samples.csv"), samples, launch, layout);
    SyncFigures sync = new SyncAnalysis(Clips.FRAMES).analyse(samples, launch);
    SamplingStats stats = SamplingStats.of(recorder.times().stream().filter(t -> t.nanos() > launch).toList());
    int seeks = c.method() == Method.OURS ? readReport(report, c, layout, notes) : -1;
    if (c.fastClock()) {
      notes.add("players with libfaketime loaded: " + watch.fakeTimeTitles() + " (want only wall:"
          + layout.names().get(0) + ")");
    }
    notes.add(String.format(Locale.ROOT, "%d rank JVMs and %d mpv processes watched", watch.ranksSeen(),
        watch.playersSeen()));
    notes.add(startupBreakdown(launch, layout.screens(), watch, recorder));
    say(c, "done" + (failure == null ? "" : ": " + failure));
    return new CaseResult(c, sync, stats, watch.rankPeakKb(), watch.playerPeakKb(), seeks, loadBefore, loadAfter,
        notes, failure);
  }

  /** Where start-up time went, for whoever tunes it (process times are polled every 200 ms). */
  private static String startupBreakdown(long launch, int screens, ProcessWatch watch, Recorder recorder) {
    return "start-up, s after launch: first rank JVM " + since(launch, watch.rankSeenNanos(1))
        + ", all " + screens + " rank JVMs " + since(launch, watch.rankSeenNanos(screens))
        + ", first mpv " + since(launch, watch.playerSeenNanos(1))
        + ", all mpv " + since(launch, watch.playerSeenNanos(screens))
        + ", first clip picture on screen " + since(launch, recorder.firstPictureNanos())
        + ", every screen showing a frame " + since(launch, recorder.allShownNanos())
        + ", every screen moving " + since(launch, recorder.startupNanos());
  }

  private static String since(long launch, long nanos) {
    return nanos < 0 ? "never" : String.format(Locale.ROOT, "%.2f", (nanos - launch) / 1e9);
  }

  private static long ownCpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  /** Installs the faketime wrapper and checks, with two players side by side, that it works. */
  private boolean fastClock(BenchCase c, BenchLayout layout, VirtualDisplay display, Path dir,
      Map<String, String> env, List<String> notes) throws IOException {
    FastClock fast = FastClock.install(dir.resolve("fast-clock-bin"), layout.names().get(0));
    say(c, "checking that libfaketime speeds mpv up (" + CLOCK_CHECK_LENGTH.toSeconds() + " s)");
    try {
      Path clip = clips.dir().resolve(Clips.fileName(layout.names().get(0)));
      FastClock.ClockCheck check = fast.check(display.display(), clip, dir.resolve("clock-check"), CLOCK_CHECK_LENGTH);
      notes.add(String.format(Locale.ROOT,
          "clock check (mpv time-pos against real time, %d s): faked player %+.0f ppm, plain player %+.0f ppm",
          CLOCK_CHECK_LENGTH.toSeconds(), check.fastPpm(), check.referencePpm()));
      env.putAll(fast.environment());
      return check.confirmed();
    } catch (dev.wall.player.backend.PlayerException e) {
      notes.add("clock check failed: " + e.getMessage());
      return false;
    }
  }

  /** Seeks from the wall's --report; notes the fast screen's rate at each seam. */
  private static int readReport(Path report, BenchCase c, BenchLayout layout, List<String> notes) throws IOException {
    if (!Files.isRegularFile(report)) {
      notes.add("no --report written (no loop completed)");
      return 0;
    }
    JsonNode loops = JSON.readTree(report.toFile()).path("loops");
    int seeks = 0;
    List<String> fastRates = new ArrayList<>();
    List<String> skews = new ArrayList<>();
    for (JsonNode loop : loops) {
      seeks += loop.path("seeks").asInt();
      skews.add(String.format(Locale.ROOT, "%.1f", loop.path("maxSkewSeconds").asDouble() * 1000));
      for (JsonNode screen : loop.path("screens")) {
        if (c.fastClock() && screen.path("name").asText().equals(layout.names().get(0))) {
          fastRates.add(String.format(Locale.ROOT, "%.4f (%d trims)", screen.path("rate").asDouble(),
              screen.path("trims").asInt()));
        }
      }
    }
    notes.add(loops.size() + " loops reported; the runtime's own worst skew per loop, ms: " + skews);
    if (c.fastClock()) {
      notes.add("fast screen " + layout.names().get(0) + "'s rate at each seam: " + fastRates);
    }
    return seeks;
  }

  private static void writeSamples(Path file, List<Sample> samples, long launch, BenchLayout layout)
      throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("ms_since_launch," + String.join(",", layout.names()) + ",spread");
    for (Sample s : samples) {
      lines.add((s.nanos() - launch) / 1_000_000 + ","
          + s.tiles().stream().map(Object::toString).collect(Collectors.joining(","))
          + "," + (s.allDecoded() ? String.valueOf(s.spread(Clips.FRAMES)) : ""));
    }
    Files.write(file, lines);
  }

  private CaseResult failed(BenchCase c, double loadBefore, List<String> notes, String failure) {
    say(c, "failed: " + failure);
    return new CaseResult(c, new SyncAnalysis(Clips.FRAMES).analyse(List.of(), 0), SamplingStats.of(List.of()), 0, 0,
        -1, loadBefore, Machine.load(), notes, failure);
  }

  private void say(BenchCase c, String what) {
    progress.println("bench: case " + c.number() + " (" + c.title() + "): " + what);
    progress.flush();
  }

  private static void await(Duration timeout, BooleanSupplier done, String what) throws IOException {
    if (!awaitQuietly(timeout, done)) {
      throw new IOException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
    }
  }

  /** Polls every 20 ms until {@code done} or the time-out; says which. */
  private static boolean awaitQuietly(Duration timeout, BooleanSupplier done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      LockSupport.parkNanos(20_000_000);
    }
    return true;
  }
}
