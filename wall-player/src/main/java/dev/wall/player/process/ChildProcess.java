package dev.wall.player.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child process we started and keep the handle of.
 *
 * <p>Stop contract: {@link #stop(Duration)} asks first (SIGTERM to the child and its descendants),
 * waits up to the grace period, then forces (SIGKILL) and waits for the exit. It never returns
 * while the child still runs, and it is safe to call twice. Output goes straight to a log file, so
 * no pipe can fill up and block the child, and the last lines can be shown when it dies.
 */
public final class ChildProcess implements AutoCloseable {
  private static final Duration FORCED_EXIT_WAIT = Duration.ofSeconds(5);

  private final String label;
  private final Process process;
  private final Path log;
  private volatile boolean stopping;
  private volatile Thread relay;

  private ChildProcess(String label, Process process, Path log) {
    this.label = label;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code argv} (never through a shell), with stdout and stderr appended to {@code log}. */
  public static ChildProcess start(String label, List<String> argv, Path log, Map<String, String> env)
      throws IOException {
    return launch(label, argv, log, env, ProcessBuilder.Redirect.appendTo(log.toFile()), false, null);
  }

  /**
   * Like {@link #start}, but the child's stdin is a pipe that we hold open and never write: a
   * lifeline. When this JVM dies, even by SIGKILL where no shutdown hook runs, the kernel closes
   * it, and a child that quits on end of input (mpv with {@code --input-ipc-client=fd://0}) goes too.
   */
  public static ChildProcess startWithLifeline(String label, List<String> argv, Path log,
      Map<String, String> env) throws IOException {
    return launch(label, argv, log, env, ProcessBuilder.Redirect.appendTo(log.toFile()), true, null);
  }

  private static ChildProcess launch(String label, List<String> argv, Path log, Map<String, String> env,
      ProcessBuilder.Redirect output, boolean lifeline, Path directory) throws IOException {
    Files.createDirectories(log.toAbsolutePath().getParent());
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(argv));
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    builder.redirectErrorStream(true);
    builder.redirectOutput(output);
    builder.redirectInput(lifeline ? ProcessBuilder.Redirect.PIPE
        : ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().putAll(env);
    ChildProcess child = new ChildProcess(label, builder.start(), log);
    ProcessDestroyer.instance().add(child);
    child.process.onExit().thenRun(() -> ProcessDestroyer.instance().remove(child));
    return child;
  }

  /**
   * Starts {@code argv} with its output read line by line: each line goes to {@code lines} and to
   * {@code log}, run in {@code directory}. For children whose output we relay live, such as mpirun.
   */
  public static ChildProcess startRelayed(String label, List<String> argv, Path log,
      Map<String, String> env, java.util.function.Consumer<String> lines, Path directory) throws IOException {
    ChildProcess child = launch(label, argv, log, env, ProcessBuilder.Redirect.PIPE, false, directory);
    Thread relay = new Thread(() -> child.relay(lines), "relay-" + label);
    relay.setDaemon(true);
    child.relay = relay;
    relay.start();
    return child;
  }

  private void relay(java.util.function.Consumer<String> lines) {
    try (var reader = process.inputReader(StandardCharsets.UTF_8);
        var writer = Files.newBufferedWriter(log, StandardCharsets.UTF_8,
            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
      String line;
      while ((line = reader.readLine()) != null) {
        writer.write(line);
        writer.newLine();
        writer.flush();
        lines.accept(line);
      }
    } catch (IOException e) {
      // The child closed its output: it is exiting. Its exit code tells the rest.
    }
  }

  /** Waits until every relayed line has been handed on (after the child exited). */
  public void awaitRelay(Duration timeout) throws InterruptedException {
    Thread t = relay;
    if (t != null) {
      t.join(timeout.toMillis());
    }
  }

  public String label() {
    return label;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** True once {@link #stop} was called, so an exit after it is not a crash. */
  public boolean isStopping() {
    return stopping;
  }

  public Process process() {
    return process;
  }

  public Path log() {
    return log;
  }

  public java.util.concurrent.CompletableFuture<ChildProcess> onExit() {
    return process.onExit().thenApply(p -> this);
  }

  /** Waits for the child to exit on its own; returns its exit code, or empty on time-out. */
  public java.util.OptionalInt waitFor(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
        ? java.util.OptionalInt.of(process.exitValue())
        : java.util.OptionalInt.empty();
  }

  /** Asks, waits up to {@code grace}, then forces. Returns the exit code. */
  public int stop(Duration grace) {
    stopping = true;
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    descendants.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(FORCED_EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    return process.isAlive() ? -1 : process.exitValue();
  }

  /** The last {@code count} lines of the log, for a report that says why it died. */
  public List<String> lastLogLines(int count) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return lines.subList(Math.max(0, lines.size() - count), lines.size());
    } catch (IOException e) {
      return List.of("(log " + log + " unreadable: " + e.getMessage() + ")");
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      stop(Duration.ofSeconds(2));
    }
  }

  @Override
  public String toString() {
    return label + " (pid " + process.pid() + ")";
  }
}
