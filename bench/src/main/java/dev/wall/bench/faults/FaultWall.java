package dev.wall.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wall.bench.Recorder;
import dev.wall.bench.analysis.Sample;
import dev.wall.bench.code.FrameCode;
import dev.wall.bench.sampling.DisplaySampler;
import dev.wall.bench.sampling.OffBeatRate;
import dev.wall.bench.sampling.SamplerKind;
import dev.wall.bench.wall.BenchLayout;
import dev.wall.bench.wall.Clips;
import dev.wall.bench.wall.ProcessWatch;
import dev.wall.bench.wall.Show;
import dev.wall.bench.wall.WallLaunch;
import dev.wall.player.cli.WallCli;
import dev.wall.player.display.VirtualDisplay;
import dev.wall.player.process.ChildProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A 4-screen wall under {@code wall play --forever}, the real CLI in its own JVM, on its own Xvfb,
 * watched by the pixel benchmark's screenshots (one ffmpeg grabbing the display, every tile's frame
 * number read from its bar code), for faults to be injected into and their effect judged: the
 * fault-injection suite ({@code FaultsIT}) and {@code bench/run --faults}.
 */
public final class FaultWall implements AutoCloseable {
  private static final Duration DISPLAY_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration WALL_STOP_GRACE = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BenchLayout layout;
  private final Path dir;
  private final Path media;
  private final Path runDir;
  private final VirtualDisplay display;
  private final Recorder recorder;
  private final DisplaySampler sampler;
  private final PrintStream progress;
  private ChildProcess wall;

  private FaultWall(
      BenchLayout layout,
      Path dir,
      Path media,
      VirtualDisplay display,
      Recorder recorder,
      DisplaySampler sampler,
      PrintStream progress) {
    this.layout = layout;
    this.dir = dir;
    this.media = media;
    this.runDir = dir.resolve("run");
    this.display = display;
    this.recorder = recorder;
    this.sampler = sampler;
    this.progress = progress;
  }

  /**
   * Makes the clips (once, into {@code clips}' cache), copies them to a media folder of this wall's
   * own (a test may take one away), starts Xvfb and the screenshots, then the wall, and returns
   * once every screen is seen moving.
   */
  public static FaultWall start(Clips clips, Path dir, int screens, PrintStream progress)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    BenchLayout layout = BenchLayout.grid(screens);
    clips.ensure(layout.names());
    Path media = Files.createDirectories(dir.resolve("media"));
    for (String name : layout.names()) {
      Files.copy(
          clips.dir().resolve(Clips.fileName(name)),
          media.resolve(Clips.fileName(name)),
          StandardCopyOption.REPLACE_EXISTING);
    }
    VirtualDisplay display =
        VirtualDisplay.start(layout.width(), layout.height(), dir.resolve("xvfb"), DISPLAY_TIMEOUT);
    Recorder recorder =
        new Recorder(
            layout.windows(),
            FrameCode.forClip(Clips.WIDTH, Clips.HEIGHT),
            Show.CLIPS_30,
            dir.resolve("evidence"));
    DisplaySampler sampler =
        SamplerKind.STREAM.create(
            display.display(),
            layout.width(),
            layout.height(),
            OffBeatRate.near(10, Clips.FPS),
            dir);
    FaultWall wall = new FaultWall(layout, dir, media, display, recorder, sampler, progress);
    try {
      wall.launch();
      return wall;
    } catch (IOException | InterruptedException | RuntimeException e) {
      wall.close();
      throw e;
    }
  }

  private void launch() throws IOException, InterruptedException {
    sampler.start(recorder);
    await(DISPLAY_TIMEOUT, () -> recorder.captures() > 0, "the first screenshot");
    Path layoutFile = layout.write(dir.resolve("wall.json"), media);
    WallLaunch.warmUp(layoutFile, runDir, dir.resolve("warm-up.log"));
    recorder.launchedAt(System.nanoTime());
    wall =
        WallLaunch.play(
            layoutFile,
            display.display(),
            runDir,
            dir.resolve("report.jsonl"),
            Map.of(),
            dir.resolve("wall.log"));
    await(
        STARTUP_TIMEOUT,
        () -> recorder.startupNanos() >= 0 || !wall.isAlive(),
        "every screen moving");
    if (!wall.isAlive()) {
      throw new IOException(
          "wall play ended with " + wall.process().exitValue() + ": " + wall.lastLogLines(5));
    }
    say("every screen moving");
  }

  public List<String> names() {
    return layout.names();
  }

  public int index(String screen) {
    return layout.names().indexOf(screen);
  }

  /** {@code wall play}'s own process. */
  public ChildProcess wallProcess() {
    return wall;
  }

  /** The wall's own media folder, its media root. */
  public Path media() {
    return media;
  }

  public Path runDir() {
    return runDir;
  }

  /** Screen {@code screen}'s player (its mpv), once there is one. */
  public ProcessHandle player(String screen) {
    return awaitFound(() -> findPlayer(screen), "screen " + screen + "'s player");
  }

  /** Screen {@code screen}'s player now, if it has one. */
  public Optional<ProcessHandle> findPlayer(String screen) {
    return wall.process().descendants().filter(p -> isPlayerOf(p, screen)).findFirst();
  }

  /** The rank that drives {@code screen}: its player's parent. */
  public ProcessHandle rank(String screen) {
    return player(screen)
        .parent()
        .orElseThrow(() -> new IllegalStateException("a player without a parent"));
  }

  private static boolean isPlayerOf(ProcessHandle process, String screen) {
    List<String> argv = ProcessWatch.commandLine(process.pid());
    return !argv.isEmpty()
        && Path.of(argv.get(0)).getFileName().toString().equals("mpv")
        && argv.contains("--title=wall:" + screen);
  }

  /** Sends {@code signal} (STOP, CONT, TERM, KILL) to {@code process}, as {@code kill} would. */
  public static void signal(ProcessHandle process, String signal)
      throws IOException, InterruptedException {
    Process kill =
        new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IOException("kill -" + signal + " " + process.pid() + " failed");
    }
  }

  /**
   * Takes screen {@code screen}'s clip away from the media folder (as a share that lost it);
   * returns how to put it back.
   */
  public Runnable takeClipAway(String screen) throws IOException {
    Path clip = media.resolve(Clips.fileName(screen));
    Path away = media.resolve(Clips.fileName(screen) + ".away");
    Files.move(clip, away, StandardCopyOption.ATOMIC_MOVE);
    return () -> {
      try {
        Files.move(away, clip, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
  }

  /**
   * {@code wall status --json}, run as a technician would (in this JVM), or null when it says no
   * wall runs.
   */
  public JsonNode status() {
    StringWriter out = new StringWriter();
    int code =
        WallCli.run(
            new PrintWriter(out, true),
            new PrintWriter(new StringWriter(), true),
            "status",
            "--json",
            "--run-dir",
            runDir.toString());
    try {
      return code == 0 ? JSON.readTree(out.toString()) : null;
    } catch (IOException e) {
      throw new IllegalStateException("wall status --json printed no JSON: " + out, e);
    }
  }

  /**
   * Screen {@code screen}'s state in {@code wall status} now: PLAYING, RECOVERING, GIVEN_UP; null
   * without one.
   */
  public String stateOf(String screen) {
    JsonNode status = status();
    if (status == null) {
      return null;
    }
    for (JsonNode row : status.path("status").path("screens")) {
      if (row.path("name").asText().equals(screen)) {
        return row.path("state").asText();
      }
    }
    return null;
  }

  /** Every screenshot so far. */
  public List<Sample> samples() {
    return recorder.samples();
  }

  /**
   * Waits until {@code seconds} after {@code faultNanos}, then judges how {@code screen} came back.
   */
  public Recovery judge(String screen, long faultNanos, double lateFromSeconds, double seconds) {
    sleepUntil(faultNanos + (long) (seconds * 1e9));
    long end = faultNanos + (long) (seconds * 1e9);
    List<Sample> upToEnd = recorder.samples().stream().filter(s -> s.nanos() <= end).toList();
    return Recovery.judge(upToEnd, index(screen), faultNanos, lateFromSeconds, Clips.FRAMES);
  }

  /**
   * The first screenshot at or after {@code nanos} where every screen moved on since the one
   * before.
   */
  public long everyScreenMovingAfter(long nanos) {
    List<Sample> samples = recorder.samples();
    for (int i = 1; i < samples.size(); i++) {
      Sample before = samples.get(i - 1);
      Sample now = samples.get(i);
      if (before.nanos() >= nanos
          && before.allDecoded()
          && now.allDecoded()
          && now.spread(Clips.FRAMES) <= 1) {
        boolean moving = true;
        for (int t = 0; t < now.tiles().size(); t++) {
          moving &= now.tiles().get(t).frame() != before.tiles().get(t).frame();
        }
        if (moving) {
          return now.nanos();
        }
      }
    }
    return -1;
  }

  public void say(String what) {
    progress.println("faults: " + what);
    progress.flush();
  }

  /**
   * Polls every 20 ms until {@code done}, or fails after {@code timeout}, naming what it waited
   * for.
   */
  public static void await(Duration timeout, BooleanSupplier done, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      LockSupport.parkNanos(20_000_000);
    }
  }

  private static <T> T awaitFound(java.util.function.Supplier<Optional<T>> find, String what) {
    Object[] found = new Object[1];
    await(
        Duration.ofSeconds(30),
        () -> {
          Optional<T> it = find.get();
          it.ifPresent(value -> found[0] = value);
          return it.isPresent();
        },
        what);
    @SuppressWarnings("unchecked")
    T value = (T) found[0];
    return value;
  }

  private static void sleepUntil(long nanoTime) {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
    }
  }

  @Override
  public void close() {
    recorder.stopRecording();
    sampler.close();
    if (wall != null) {
      wall.stop(WALL_STOP_GRACE);
    }
    recorder.close();
    display.close();
  }
}
