package dev.wall.player.players.vlc;

import dev.wall.player.players.ControlSocket;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * VLC's old rc interface over its Unix socket. It is a console, not a protocol: answers carry no
 * request id and state changes arrive in between ({@code status change: ( pause state: 4 )}). One
 * reader thread keeps the latest announced state; a command waits for the first line its answer
 * looks like. Commands are sent one at a time.
 */
final class VlcRc extends ControlSocket {
  enum State {
    PLAYING,
    PAUSED,
    STOPPED,
    UNKNOWN
  }

  private static final long TRANSCRIPT_LIMIT_BYTES = 1 << 20;
  private final dev.wall.core.io.RotatingFile transcript;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  /**
   * Put in the queue when the socket closes, so a waiting command fails at once, not at its
   * deadline.
   */
  @SuppressWarnings("StringOperationCanBeSimplified")
  private static final String CLOSED = new String("(closed)");

  private final Object stateLock = new Object();
  private volatile State state = State.UNKNOWN;

  private VlcRc(SocketChannel channel, String label, dev.wall.core.io.RotatingFile transcript) {
    super(channel);
    this.transcript = transcript;
    startReading("vlc-rc-" + label);
  }

  /**
   * Connects; with a {@code transcript} (when debugging), both directions of the conversation are
   * written to it, rotated by size.
   */
  static VlcRc connect(Path socket, String label, Path transcript) throws IOException {
    return new VlcRc(
        connect(socket),
        label,
        transcript == null
            ? null
            : dev.wall.core.io.RotatingFile.open(transcript, TRANSCRIPT_LIMIT_BYTES, 1));
  }

  /** Sends {@code command} and returns the first line that {@code answer} accepts. */
  synchronized String command(String command, Predicate<String> answer, Duration timeout)
      throws IOException {
    lines.clear();
    if (isClosed()) {
      throw new IOException("VLC closed its rc socket");
    }
    sendNoted(command);
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
        if (line == null || line == CLOSED) {
          throw new IOException(
              isClosed()
                  ? "VLC closed its rc socket"
                  : "VLC did not answer '" + command + "' within " + timeout.toMillis() + " ms");
        }
        if (answer.test(line)) {
          return line;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted waiting for VLC", e);
    }
  }

  /** Sends a command whose answer is {@code NAME: returned N (...)}; fails if VLC refuses it. */
  void simple(String command, Duration timeout) throws IOException {
    String name = command.split(" ", 2)[0];
    String answer =
        command(command, line -> line.startsWith(name + ": returned") || isRefusal(line), timeout);
    if (isRefusal(answer)) {
      throw new IOException("VLC refused '" + command + "': " + answer);
    }
  }

  /** While paused, VLC's rc answers most commands with one of these and does nothing. */
  static boolean isRefusal(String line) {
    return line.equals("Press pause to continue.") || line.equals("Type 'pause' to continue.");
  }

  /** {@code get_time}: whole seconds since the start of the clip. */
  long time(Duration timeout) throws IOException {
    return Long.parseLong(command("get_time", line -> line.matches("\\d+"), timeout));
  }

  /** Asks VLC to replay its state, then returns it. */
  State status(Duration timeout) throws IOException {
    command("status", line -> line.startsWith("status: returned"), timeout);
    return state;
  }

  State state() {
    return state;
  }

  /** Waits until VLC announces {@code wanted}, asking for its status now and then. */
  void awaitState(State wanted, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long nextAsk = System.nanoTime();
    while (state != wanted) {
      long now = System.nanoTime();
      if (now > deadline) {
        throw new IOException(
            "VLC did not reach state " + wanted + " in " + timeout + " (it is " + state + ")");
      }
      if (now >= nextAsk) {
        status(Duration.ofNanos(Math.max(1, deadline - now)));
        nextAsk = System.nanoTime() + 200_000_000;
        continue;
      }
      synchronized (stateLock) {
        try {
          stateLock.wait(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted waiting for VLC", e);
        }
      }
    }
  }

  /**
   * {@code status change: ( pause state: 3 ): Pause}. {@code ( play state: 4 ): End} is the input
   * ending while the playlist still runs: not a state to act on; the stop follows.
   */
  static State parseState(String line) {
    if (!line.startsWith("status change: (")) {
      return null;
    }
    if (line.contains("( stop state")) {
      return State.STOPPED;
    }
    if (line.endsWith("): End")) {
      return null;
    }
    if (line.contains("( play state")) {
      return State.PLAYING;
    }
    if (line.contains("( pause state")) {
      return State.PAUSED;
    }
    return null;
  }

  private void sendNoted(String command) throws IOException {
    note("> " + command);
    send(command);
  }

  /** VLC quit or we closed the socket: a waiting command fails at once with "closed". */
  @Override
  protected void ended() {
    lines.add(CLOSED);
  }

  private void note(String line) {
    if (transcript == null) {
      return;
    }
    try {
      transcript.appendLine(System.currentTimeMillis() % 100_000 + " " + line);
    } catch (IOException e) {
      // The transcript is for people; losing it must not stop the player.
    }
  }

  @Override
  protected void handle(String line) {
    String text = line.strip();
    note(text);
    State announced = parseState(text);
    if (announced != null) {
      synchronized (stateLock) {
        state = announced;
        stateLock.notifyAll();
      }
    }
    lines.add(text);
  }

  @Override
  protected void closing() {
    try {
      if (transcript != null) {
        transcript.close();
      }
    } catch (IOException e) {
      // Nothing left to write.
    }
  }
}
