package dev.wall.player.process;

import dev.wall.core.io.RotatingFile;
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
 * A child process we started and keep the handle of: the only way main code starts a process
 * (ArchitectureTest holds it), either kept running ({@link #start}, {@link #startWithLifeline},
 * {@link #startRelayed}) or run to its end as a short call ({@link Processes#run}).
 *
 * <p>Stop contract, the same for every child: {@link #stop(Duration)} asks first (SIGTERM to the
 * child and its descendants), waits up to the grace period, then forces (SIGKILL) and waits for the
 * exit. It never returns while the child still runs, and it is safe to call twice. A short call
 * that outlives its deadline is stopped the same way. Whatever still runs when the JVM shuts down
 * (Ctrl-C, SIGTERM, a normal exit) is stopped by {@link ProcessDestroyer}'s one shutdown hook, all
 * children at once, each by this contract. Output (stdout and stderr together) is read as it comes
 * by a thread of ours into a log that rotates past {@value #LOG_LIMIT_BYTES} bytes, keeping {@value
 * #LOG_GENERATIONS} older ones ({@link RotatingFile}): a player that runs for months cannot fill
 * the disk, and the last lines can be shown when it dies.
 */
public final class ChildProcess implements AutoCloseable {
  static final long LOG_LIMIT_BYTES = 1 << 20;
  static final int LOG_GENERATIONS = 2;
  private static final Duration FORCED_EXIT_WAIT = Duration.ofSeconds(5);

  /** How long a report of a crash waits for the dead child's last output to be written. */
  private static final long LOG_DRAIN_MILLIS = 300;

  /** At least this long for a child's last output to reach its log after it exited. */
  private static final long OUTPUT_DRAIN_MIN_MILLIS = 1000;

  /** The end of a log a message shows is read from its last bytes only, never the whole file. */
  private static final int LOG_TAIL_BYTES = 64 * 1024;

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

  /**
   * Starts {@code argv} (never through a shell), with stdout and stderr appended to {@code log}.
   */
  public static ChildProcess start(
      String label, List<String> argv, Path log, Map<String, String> env) throws IOException {
    return launch(label, argv, log, env, false, null, null, line -> true);
  }

  /**
   * Like {@link #start}, but the child's stdin is a pipe that we hold open and never write: a
   * lifeline. When this JVM dies, even by SIGKILL where no shutdown hook runs, the kernel closes
   * it, and a child that quits on end of input (mpv with {@code --input-ipc-client=fd://0}) goes
   * too.
   */
  public static ChildProcess startWithLifeline(
      String label, List<String> argv, Path log, Map<String, String> env) throws IOException {
    return launch(label, argv, log, env, true, null, null, line -> true);
  }

  /**
   * @param lines when not null, the output is read as lines, each handed to it, and only those
   *     {@code logged} accepts are logged; when null, the output is logged as it comes
   */
  private static ChildProcess launch(
      String label,
      List<String> argv,
      Path log,
      Map<String, String> env,
      boolean pipeInput,
      Path directory,
      java.util.function.Consumer<String> lines,
      java.util.function.Predicate<String> logged)
      throws IOException {
    Files.createDirectories(log.toAbsolutePath().getParent());
    RotatingFile output = RotatingFile.open(log, LOG_LIMIT_BYTES, LOG_GENERATIONS);
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(argv));
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.PIPE);
    builder.redirectInput(
        pipeInput
            ? ProcessBuilder.Redirect.PIPE
            : ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().putAll(env);
    ChildProcess child;
    try {
      child =
          ProcessDestroyer.instance()
              .start(builder, process -> new ChildProcess(label, process, log));
    } catch (IOException | RuntimeException e) {
      output.close();
      throw e;
    }
    Thread reader =
        new Thread(
            () -> {
              if (lines == null) {
                child.copyOutput(output);
              } else {
                child.relay(output, lines, logged);
              }
            },
            (lines == null ? "log-" : "relay-") + label);
    reader.setDaemon(true);
    child.relay = reader;
    reader.start();
    child.process.onExit().thenRun(() -> ProcessDestroyer.instance().remove(child));
    return child;
  }

  /**
   * Starts {@code argv} with its standard input, output and error as pipes for the caller, and no
   * log: the short-call form ({@link Processes#run}) reads them.
   */
  static ChildProcess startCall(String label, List<String> argv, Map<String, String> env)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(argv));
    builder.environment().putAll(env);
    ChildProcess child =
        ProcessDestroyer.instance()
            .start(builder, process -> new ChildProcess(label, process, null));
    child.process.onExit().thenRun(() -> ProcessDestroyer.instance().remove(child));
    return child;
  }

  /** Whether a relayed child's standard input is a pipe the caller writes to. */
  public enum Input {
    /** Nothing: the child reads the end of its input at once. */
    NONE,
    /**
     * A pipe ({@code process().getOutputStream()}), closed when the caller ends, so that the child
     * sees the end of its input: show control's commands to mpirun, which forwards them to rank 0.
     */
    PIPE
  }

  /**
   * Starts {@code argv} with its output read line by line: each line goes to {@code lines}, and
   * those {@code logged} accepts to {@code log}, run in {@code directory}. For children whose
   * output we relay live, such as mpirun.
   */
  public static ChildProcess startRelayed(
      String label,
      List<String> argv,
      Path log,
      Map<String, String> env,
      Input input,
      java.util.function.Consumer<String> lines,
      java.util.function.Predicate<String> logged,
      Path directory)
      throws IOException {
    return launch(label, argv, log, env, input == Input.PIPE, directory, lines, logged);
  }

  private void copyOutput(RotatingFile output) {
    byte[] buffer = new byte[8192];
    try (output;
        var in = process.getInputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        output.append(buffer, 0, n);
      }
    } catch (IOException e) {
      // The child closed its output, or the log cannot be written: the child runs on regardless.
    }
  }

  private void relay(
      RotatingFile output,
      java.util.function.Consumer<String> lines,
      java.util.function.Predicate<String> logged) {
    try (output;
        var reader = process.inputReader(StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (logged.test(line)) {
          output.appendLine(line);
        }
        try {
          lines.accept(line);
        } catch (RuntimeException e) {
          // What one line did wrong must not stop the reading: an unread child blocks, and its end
          // goes unseen.
          output.appendLine("(wall: a line of " + label + " could not be handled: " + e + ")");
        }
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

  /**
   * Waits for the child to exit on its own; returns its exit code, or empty on time-out. Once it
   * returns a code, what the child wrote is in its log (unless a descendant of it still holds its
   * output open, which is waited for a moment only).
   */
  public java.util.OptionalInt waitFor(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return java.util.OptionalInt.empty();
    }
    Thread reader = relay;
    if (reader != null) {
      reader.join(
          Math.max(
              OUTPUT_DRAIN_MIN_MILLIS,
              TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }
    return java.util.OptionalInt.of(process.exitValue());
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

  /**
   * The last {@code count} lines of the log, for a report that says why it died: once it has
   * exited, after what it wrote last has reached the log.
   */
  public List<String> lastLogLines(int count) {
    Thread reader = relay;
    if (reader != null && !process.isAlive()) {
      try {
        reader.join(LOG_DRAIN_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (log == null) {
      return List.of();
    }
    try {
      return RotatingFile.lastLines(log, count, LOG_TAIL_BYTES);
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
