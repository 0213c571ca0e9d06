package dev.wall.player.players.omxplayer;

import dev.wall.player.process.ChildProcess;
import dev.wall.player.process.Lifeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * A session bus of our own for one screen's omxplayer: Debian's dbus-daemon, listening on a socket
 * file we name. A path socket (not the abstract one omxplayer's wrapper gets) is what Java's own
 * Unix sockets can reach, and owning the daemon means we also stop it.
 */
final class PrivateBus implements AutoCloseable {
  /** sun_path holds 108 bytes with its terminating zero. */
  private static final int MAX_SOCKET_PATH = 107;

  private final ChildProcess daemon;
  private final Path socket;
  private final Path scratch;

  private PrivateBus(ChildProcess daemon, Path socket, Path scratch) {
    this.daemon = daemon;
    this.socket = socket;
    this.scratch = scratch;
  }

  static List<String> argv(String dbusDaemon, Path socket) {
    return List.of(
        dbusDaemon,
        "--session",
        "--nofork",
        "--nopidfile",
        "--address=" + address(socket),
        "--print-address=1");
  }

  /** Starts the daemon and returns once its socket accepts connections. */
  static PrivateBus start(String dbusDaemon, Path wantedSocket, Path log, Duration timeout)
      throws IOException {
    Path socket = wantedSocket.toAbsolutePath();
    Path scratch = null;
    if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
      scratch = Files.createTempDirectory("wall-bus");
      socket = scratch.resolve("bus");
    }
    Files.deleteIfExists(socket);
    // Under a lifeline, like the player it serves: a bus must not outlive its rank either.
    ChildProcess daemon =
        ChildProcess.startWithLifeline(
            "dbus-daemon", Lifeline.wrap(argv(dbusDaemon, socket)), log, Map.of());
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!Files.exists(socket)) {
      if (!daemon.isAlive()) {
        throw new IOException("dbus-daemon exited: " + String.join(" | ", daemon.lastLogLines(3)));
      }
      if (System.nanoTime() > deadline) {
        daemon.stop(Duration.ofSeconds(1));
        throw new IOException("dbus-daemon did not open " + socket + " within " + timeout);
      }
      LockSupport.parkNanos(5_000_000);
    }
    return new PrivateBus(daemon, socket, scratch);
  }

  String address() {
    return address(socket);
  }

  /** A D-Bus address; bytes outside the always-safe set are %-escaped, as the spec asks. */
  static String address(Path socket) {
    StringBuilder out = new StringBuilder("unix:path=");
    for (byte b : socket.toString().getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '/'
          || c == '.'
          || c == '\\'
          || c == '*') {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02x", b & 0xff));
      }
    }
    return out.toString();
  }

  ChildProcess process() {
    return daemon;
  }

  @Override
  public void close() {
    daemon.stop(Duration.ofSeconds(1));
    try {
      Files.deleteIfExists(socket);
      if (scratch != null) {
        Files.deleteIfExists(scratch);
      }
    } catch (IOException e) {
      // A stale socket is removed at the next start.
    }
  }
}
