package dev.wall.player.players.vlc;

import dev.wall.player.players.SocketLines;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
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
final class VlcRc implements AutoCloseable {
  enum State { PLAYING, PAUSED, STOPPED, UNKNOWN }

  private final SocketChannel channel;
  private static final long TRANSCRIPT_LIMIT_BYTES = 1 << 20;
  private final dev.wall.core.io.RotatingFile transcript;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  /** Put in the queue when the socket closes, so a waiting command fails at once, not at its deadline. */
  @SuppressWarnings("StringOperationCanBeSimplified")
  private static final String CLOSED = new String("(closed)");
  private final Object stateLock = new Object();
  private volatile State state = State.UNKNOWN;
  private volatile boolean closed;

  private VlcRc(SocketChannel channel, String label, dev.wall.core.io.RotatingFile transcript) {
    this.channel = channel;
    this.transcript = transcript;
    Thread reader = new Thread(this::readLoop, "vlc-rc-" + label);
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Connects; with a {@code transcript} (when debugging), both directions of the conversation are
   * written to it, rotated by size.
   */
  static VlcRc connect(Path socket, String label, Path transcript) throws IOException {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      channel.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return new VlcRc(channel, label, transcript == null ? null
        : dev.wall.core.io.RotatingFile.open(transcript, TRANSCRIPT_LIMIT_BYTES, 1));
  }

  /** Sends {@code command} and returns the first line that {@code answer} accepts. */
  synchronized String command(String command, Predicate<String> answer, Duration timeout) throws IOException {
    lines.clear();
    if (closed) {
      throw new IOException("VLC closed its rc socket");
    }
    send(command);
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
        if (line == null || line == CLOSED) {
          throw new IOException(closed ? "VLC closed its rc socket"
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
    String answer = command(command, line -> line.startsWith(name + ": returned") || isRefusal(line), timeout);
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
        throw new IOException("VLC did not reach state " + wanted + " in " + timeout + " (it is " + state + ")");
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

  private synchronized void send(String command) throws IOException {
    note("> " + command);
    ByteBuffer buffer = ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8));
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  private void readLoop() {
    try {
      SocketLines.read(channel, line -> handle(line.strip()));
    } catch (IOException e) {
      // VLC quit or we closed the socket; waiting commands time out with "closed".
    } finally {
      closed = true;
      lines.add(CLOSED);
    }
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

  private void handle(String text) {
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

  boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
    try {
      if (transcript != null) {
        transcript.close();
      }
    } catch (IOException e) {
      // Nothing left to write.
    }
    try {
      channel.close();
    } catch (IOException e) {
      // Already closed by VLC.
    }
  }
}
