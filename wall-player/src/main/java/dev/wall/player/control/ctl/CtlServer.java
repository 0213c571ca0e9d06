package dev.wall.player.control.ctl;

import dev.wall.core.io.ControlChars;
import dev.wall.player.control.CommandOutcome;
import dev.wall.player.control.CommandSource;
import dev.wall.player.control.ControlTally;
import dev.wall.player.control.WallControl;
import dev.wall.player.wire.ControlCommand;
import dev.wall.player.wire.CtlExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * {@code wall ctl COMMAND} on the controller: a Unix socket in the run folder ({@link
 * CtlExchange#SOCKET}), mode 0600 in a folder only its user may enter, and each caller's user read
 * from the kernel (SO_PEERCRED) and refused unless it is the wall's own. One request line, one
 * answer line ({@link CtlExchange}); every command taken is logged with its source.
 */
public final class CtlServer implements AutoCloseable {
  private final ServerSocketChannel server;
  private final Path socket;
  private final WallControl wall;
  private final ControlTally tally;
  private final PrintWriter log;
  private final String owner = System.getProperty("user.name");
  private final Thread acceptor;
  private final ThreadPoolExecutor workers;
  private volatile boolean closing;

  private CtlServer(
      ServerSocketChannel server,
      Path socket,
      WallControl wall,
      ControlTally tally,
      PrintWriter log) {
    this.server = server;
    this.socket = socket;
    this.wall = wall;
    this.tally = tally;
    this.log = log;
    this.workers =
        new ThreadPoolExecutor(
            2, // as many as at most: a pool grows past its core only once its queue is full
            2,
            10,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(4),
            runnable -> {
              Thread thread = new Thread(runnable, "ctl-commands");
              thread.setDaemon(true);
              return thread;
            });
    this.acceptor = new Thread(this::accept, "ctl-accept");
    acceptor.setDaemon(true);
    workers.allowCoreThreadTimeOut(true);
  }

  /**
   * Listens on {@code runDir}/{@link CtlExchange#SOCKET}, replacing a socket a previous run left.
   *
   * @param runDir the run folder, already checked as the wall's own (RunFolder.prepare)
   */
  public static CtlServer start(Path runDir, WallControl wall, ControlTally tally, PrintWriter log)
      throws IOException {
    Path socket = runDir.resolve(CtlExchange.SOCKET);
    if (Files.exists(socket, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try (SocketChannel other = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
        throw new IOException("another wall takes commands on " + socket);
      } catch (IOException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("another wall")) {
          throw e;
        }
        // Nobody listens: a socket a previous run left.
      }
    }
    Files.deleteIfExists(socket); // a link or a stale socket: the name only, never its target
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      server.bind(UnixDomainSocketAddress.of(socket));
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      server.close();
      throw new IOException(
          "the control socket " + socket + " cannot be opened: " + e.getMessage(), e);
    }
    CtlServer ctl = new CtlServer(server, socket, wall, tally, log);
    ctl.acceptor.start();
    return ctl;
  }

  public Path socket() {
    return socket;
  }

  private void accept() {
    while (!closing) {
      SocketChannel client;
      try {
        client = server.accept();
      } catch (IOException e) {
        if (closing) {
          return;
        }
        continue;
      }
      try {
        workers.execute(() -> serve(client));
      } catch (RejectedExecutionException e) {
        reply(client, CtlExchange.answer(false, "the wall is busy with other commands; again"));
        closeQuietly(client);
      }
    }
  }

  private void serve(SocketChannel client) {
    try (client) {
      UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
      String user = peer.user().getName();
      if (!user.equals(owner)) {
        tally.refused("ctl", "owner");
        say("ctl from user " + user + ": refused (the wall runs as " + owner + ")");
        reply(client, CtlExchange.answer(false, "the wall runs as " + owner + ", not " + user));
        return;
      }
      String line = readLine(client);
      ControlCommand command;
      try {
        command = CtlExchange.parseRequest(line);
      } catch (IllegalArgumentException e) {
        tally.refused("ctl", "malformed");
        reply(client, CtlExchange.answer(false, ControlChars.visible(e.getMessage())));
        return;
      }
      CommandSource source = new CommandSource("ctl", "user " + user);
      CommandOutcome outcome = wall.submit(command, source);
      tally.answered(source, outcome);
      say(source + ": " + outcome.message());
      reply(client, CtlExchange.answer(outcome.applied(), outcome.message()));
    } catch (IOException | RuntimeException e) {
      // The caller went away, or sent nothing: nothing to answer.
    }
  }

  /** A caller has this long to send its command: a silent one must not hold a worker. */
  static final java.time.Duration READ_DEADLINE = java.time.Duration.ofSeconds(2);

  /**
   * One line of at most {@link CtlExchange#MAX_LINE} bytes, within {@link #READ_DEADLINE}. Leaves
   * the channel non-blocking; {@link #reply} writes to it either way.
   */
  private static String readLine(SocketChannel client) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(512);
    long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
    client.configureBlocking(false);
    try (java.nio.channels.Selector selector = java.nio.channels.Selector.open()) {
      client.register(selector, java.nio.channels.SelectionKey.OP_READ);
      while (line.size() <= CtlExchange.MAX_LINE) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          throw new IOException("no command within " + READ_DEADLINE.toSeconds() + " s");
        }
        selector.select(left);
        selector.selectedKeys().clear();
        buffer.clear();
        int n = client.read(buffer);
        if (n < 0) {
          break;
        }
        for (int i = 0; i < n; i++) {
          byte b = buffer.get(i);
          if (b == '\n') {
            return line.toString(StandardCharsets.UTF_8);
          }
          line.write(b);
        }
      }
    }
    return line.size() > CtlExchange.MAX_LINE ? null : line.toString(StandardCharsets.UTF_8);
  }

  private static void reply(SocketChannel client, String answer) {
    try {
      ByteBuffer bytes = ByteBuffer.wrap((answer + "\n").getBytes(StandardCharsets.UTF_8));
      long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
      while (bytes.hasRemaining() && System.nanoTime() < deadline) {
        if (client.write(bytes) == 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
      }
    } catch (IOException e) {
      // The caller went away.
    }
  }

  private static void closeQuietly(SocketChannel client) {
    try {
      client.close();
    } catch (IOException e) {
      // Closing anyway.
    }
  }

  private void say(String line) {
    synchronized (log) {
      log.println("wall: " + line);
      log.flush();
    }
  }

  @Override
  public void close() {
    closing = true;
    try {
      server.close();
    } catch (IOException e) {
      // Closing anyway.
    }
    try {
      acceptor.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdownNow();
    try {
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      // The next start replaces it.
    }
  }
}
