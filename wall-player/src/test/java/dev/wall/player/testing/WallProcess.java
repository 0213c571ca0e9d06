package dev.wall.player.testing;

import dev.wall.core.sync.ScreenState;
import dev.wall.player.wire.StatusFile;
import dev.wall.player.wire.WallState;
import dev.wall.player.wire.WallStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code wall play} as a technician starts it: a JVM of its own running the wall's main class, its
 * output (both streams) in a log file. Its players and ranks are its descendants, found by their
 * command lines and stopped by their process ids. {@link #close} stops it as a service manager
 * would (SIGTERM, then force, with whatever it left behind).
 */
public final class WallProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private WallProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code wall play ARGS}, its output in {@code log}. */
  public static WallProcess play(Path log, String... args) throws IOException {
    List<String> argv =
        new ArrayList<>(
            List.of(
                Project.java(),
                "-cp",
                Project.classpath(),
                "dev.wall.player.cli.WallMain",
                "play"));
    argv.addAll(List.of(args));
    Process process =
        new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new WallProcess(process, log);
  }

  /** The screens of the status file in {@code runDir}, once it has any. */
  public static Optional<List<WallStatus.Screen>> screens(Path runDir) throws IOException {
    return StatusFile.read(runDir)
        .map(WallState::status)
        .map(WallStatus::screens)
        .filter(s -> !s.isEmpty());
  }

  /** Whether the status file in {@code runDir} has {@code count} screens, every one playing. */
  public static boolean allPlaying(Path runDir, int count) throws IOException {
    return screens(runDir)
        .filter(s -> s.size() == count)
        .filter(s -> s.stream().allMatch(x -> x.state() == ScreenState.PLAYING))
        .isPresent();
  }

  public Process process() {
    return process;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The last {@code count} lines it printed, for a failure's message. */
  public String lastLines(int count) throws IOException {
    List<String> lines = log().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
  }

  /** What it printed so far. */
  public String log() throws IOException {
    return Files.readString(log);
  }

  /** Waits until the wall released its screens together; fails at once if it ended. */
  public void awaitReleased(Duration timeout) throws Exception {
    Poll.until(
        timeout,
        Duration.ofMillis(100),
        "every screen released",
        () -> {
          if (!process.isAlive()) {
            throw new AssertionError(
                "wall play ended with " + process.exitValue() + " before playing:\n" + log());
          }
          return log().contains("screens released together");
        });
  }

  /** Screen {@code screen}'s mpv now, among this wall's descendants, if it has one. */
  public Optional<ProcessHandle> playerOf(String screen) {
    return process
        .descendants()
        .filter(p -> p.info().command().map(c -> Path.of(c).endsWith("mpv")).orElse(false))
        .filter(
            p ->
                List.of(p.info().arguments().orElse(new String[0]))
                    .contains("--title=wall:" + screen))
        .findFirst();
  }

  /** The wall's exit code, waiting {@code timeout} at most; fails if it is still running then. */
  public int awaitExit(Duration timeout) throws Exception {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("wall play still running after " + timeout + ":\n" + log());
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> family = process.descendants().toList();
    process.toHandle().destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
    // Whatever outlived it: a child orphaned by a rank killed in the test, say.
    for (ProcessHandle left : family) {
      if (left.isAlive()) {
        left.destroyForcibly();
      }
    }
  }
}
