package dev.wall.player.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The process runner's short-call form: runs a helper (ssh, ssh-keygen, dpkg, xset, mpirun
 * --version) from an argv list to its end, within a deadline, with its output captured up to a
 * bound. The child is a {@link ChildProcess}: past the deadline it is stopped by the one stop
 * contract (asked, then forced), and a JVM that shuts down meanwhile stops it too.
 */
public final class Processes {
  /**
   * What is kept of each of a call's streams: its first this many bytes (the rest is read and
   * dropped).
   */
  static final int OUTPUT_LIMIT = 1 << 20;

  /** How long a call past its deadline is given to end once asked. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(2);

  /** How often a paced call's deadline is looked at. */
  private static final Duration PACE_POLL = Duration.ofMillis(50);

  private Processes() {}

  public record Outcome(int exitCode, String stdout, String stderr) {
    /** The last line the process wrote to stderr, or its exit code when it wrote none. */
    public String lastErrorLine() {
      return stderr.strip().lines().reduce((a, b) -> b).orElse("exit " + exitCode);
    }
  }

  /** The call did not end within its deadline; it was stopped. */
  public static final class TimedOut extends IOException {
    TimedOut(String message) {
      super(message);
    }
  }

  public static Outcome run(
      List<String> argv, String stdin, Duration timeout, Map<String, String> env)
      throws IOException {
    return run(argv, stdin.getBytes(StandardCharsets.UTF_8), timeout, env);
  }

  /**
   * Runs {@code argv} with {@code stdin} on its standard input, to its end.
   *
   * @throws TimedOut when it did not end within {@code timeout} (it is stopped first)
   */
  public static Outcome run(
      List<String> argv, byte[] stdin, Duration timeout, Map<String, String> env)
      throws IOException {
    ChildProcess child = ChildProcess.startCall(argv.get(0), argv, env);
    Capture out = new Capture(child.process().getInputStream());
    Capture err = new Capture(child.process().getErrorStream());
    try (var in = child.process().getOutputStream()) {
      in.write(stdin);
    } catch (IOException e) {
      // The process may exit before reading its input; its exit code tells what happened.
    }
    try {
      if (child.waitFor(timeout).isEmpty()) {
        child.stop(STOP_GRACE);
        throw new TimedOut(argv.get(0) + " did not finish within " + timeout.toSeconds() + " s");
      }
      return new Outcome(child.process().exitValue(), out.text(), err.text());
    } catch (InterruptedException e) {
      child.stop(Duration.ZERO);
      Thread.currentThread().interrupt();
      throw new IOException(argv.get(0) + " interrupted", e);
    }
  }

  /**
   * Runs {@code argv} with the file {@code stdin} streamed to its standard input (a clip of any
   * size, never held in memory), to its end.
   *
   * @throws TimedOut when it did not end within {@code timeout} (it is stopped first)
   */
  public static Outcome run(
      List<String> argv, java.nio.file.Path stdin, Duration timeout, Map<String, String> env)
      throws IOException {
    ChildProcess child = ChildProcess.startCall(argv.get(0), argv, env);
    Capture out = new Capture(child.process().getInputStream());
    Capture err = new Capture(child.process().getErrorStream());
    Thread feeder =
        new Thread(
            () -> {
              try (var in = child.process().getOutputStream()) {
                java.nio.file.Files.copy(stdin, in);
              } catch (IOException e) {
                // The process ended before reading all of it; its exit code tells what happened.
              }
            },
            "feed-" + argv.get(0));
    feeder.setDaemon(true);
    feeder.start();
    try {
      if (child.waitFor(timeout).isEmpty()) {
        child.stop(STOP_GRACE);
        throw new TimedOut(argv.get(0) + " did not finish within " + timeout.toSeconds() + " s");
      }
      return new Outcome(child.process().exitValue(), out.text(), err.text());
    } catch (InterruptedException e) {
      child.stop(Duration.ZERO);
      Thread.currentThread().interrupt();
      throw new IOException(argv.get(0) + " interrupted", e);
    }
  }

  /**
   * A deadline that the call's own output may move (a node that says it is reached, then how long
   * its Java took to start, is given time in proportion). Each line of the call's stdout is shown
   * to {@link #line} as it comes, from the thread that reads it; {@link #late} is asked every
   * {@link #PACE_POLL} from the waiting thread.
   */
  public interface Pace {
    /** A line the call wrote to its stdout, read at {@code nanoTime} ({@link System#nanoTime}). */
    void line(String line, long nanoTime);

    /** Why the call is late at {@code nanoTime}, or null while it is within its time. */
    String late(long nanoTime);
  }

  /**
   * Runs {@code argv} with {@code stdin} on its standard input, to its end or until {@code pace}
   * says it is late.
   *
   * @throws TimedOut when {@code pace} said it was late (its words are the message; it is stopped
   *     first)
   */
  public static Outcome run(List<String> argv, byte[] stdin, Pace pace, Map<String, String> env)
      throws IOException {
    ChildProcess child = ChildProcess.startCall(argv.get(0), argv, env);
    Capture out = new Capture(child.process().getInputStream(), pace);
    Capture err = new Capture(child.process().getErrorStream());
    try (var in = child.process().getOutputStream()) {
      in.write(stdin);
    } catch (IOException e) {
      // The process may exit before reading its input; its exit code tells what happened.
    }
    try {
      while (child.waitFor(PACE_POLL).isEmpty()) {
        String late = pace.late(System.nanoTime());
        if (late != null) {
          child.stop(STOP_GRACE);
          throw new TimedOut(late);
        }
      }
      return new Outcome(child.process().exitValue(), out.text(), err.text());
    } catch (InterruptedException e) {
      child.stop(Duration.ZERO);
      Thread.currentThread().interrupt();
      throw new IOException(argv.get(0) + " interrupted", e);
    }
  }

  /**
   * One stream of a call, read as it comes by a thread of its own so the child never blocks on a
   * full pipe; the first {@link #OUTPUT_LIMIT} bytes are kept.
   */
  private static final class Capture {
    /**
     * After the child's exit, how long a descendant that still holds the stream open is waited for.
     */
    private static final long DRAIN_MILLIS = 2000;

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final Thread reader;

    Capture(InputStream stream) {
      this(stream, null);
    }

    /**
     * @param pace shown each whole line as it comes, or null
     */
    Capture(InputStream stream, Pace pace) {
      reader =
          new Thread(
              () -> {
                byte[] buffer = new byte[8192];
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                try (stream) {
                  int n;
                  while ((n = stream.read(buffer)) >= 0) {
                    synchronized (kept) {
                      kept.write(buffer, 0, Math.max(0, Math.min(n, OUTPUT_LIMIT - kept.size())));
                    }
                    if (pace != null) {
                      for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                          pace.line(line.toString(StandardCharsets.UTF_8), System.nanoTime());
                          line.reset();
                        } else if (line.size() < OUTPUT_LIMIT) {
                          line.write(buffer[i]);
                        }
                      }
                    }
                  }
                } catch (IOException e) {
                  // The child closed its end: what came so far is its output.
                }
              },
              "call-output");
      reader.setDaemon(true);
      reader.start();
    }

    String text() throws InterruptedException {
      reader.join(DRAIN_MILLIS);
      synchronized (kept) {
        return kept.toString(StandardCharsets.UTF_8);
      }
    }
  }
}
