package dev.wall.player.players;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A player's control socket, as mpv's IPC and VLC's rc both are: a Unix socket, connected once,
 * spoken in UTF-8 lines, read by a thread of its own, written a line at a time, and closed once,
 * whichever side closes it first.
 */
public abstract class ControlSocket implements AutoCloseable {
  private final SocketChannel channel;
  private volatile boolean closed;

  protected ControlSocket(SocketChannel channel) {
    this.channel = channel;
  }

  /** A connection to the player listening on {@code socket}. */
  protected static SocketChannel connect(Path socket) throws IOException {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      channel.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return channel;
  }

  /** Starts reading, once the subclass is ready for its lines: call it last in its constructor. */
  protected final void startReading(String threadName) {
    Thread reader = new Thread(this::readLoop, threadName);
    reader.setDaemon(true);
    reader.start();
  }

  /** One line from the player, on the reader thread. */
  protected abstract void handle(String line);

  /**
   * The socket closed (the player quit, or we closed it): fail what still waits. On the reader
   * thread.
   */
  protected abstract void ended();

  /** Before the socket is closed from our side. */
  protected void closing() {}

  /** Writes one line, whole. */
  protected synchronized void send(String line) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
    closing();
    try {
      channel.close();
    } catch (IOException e) {
      // Closing a socket the player already closed is not a failure.
    }
  }

  private void readLoop() {
    try {
      read(channel, this::handle);
    } catch (IOException e) {
      // The socket closed: the player quit or we closed it.
    } finally {
      closed = true;
      ended();
    }
  }

  /** Hands every {@code \n}-terminated line to {@code lines} until the other side closes. */
  static void read(ReadableByteChannel channel, Consumer<String> lines) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (channel.read(buffer) >= 0) {
      buffer.flip();
      while (buffer.hasRemaining()) {
        byte b = buffer.get();
        if (b == '\n') {
          lines.accept(line.toString(StandardCharsets.UTF_8));
          line.reset();
        } else {
          line.write(b);
        }
      }
      buffer.clear();
    }
  }
}
