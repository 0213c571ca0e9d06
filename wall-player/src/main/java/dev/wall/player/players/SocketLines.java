package dev.wall.player.players;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Reads a player's control socket as UTF-8 lines, as mpv's IPC and VLC's rc both speak. */
public final class SocketLines {
  private SocketLines() {}

  /** Hands every {@code \n}-terminated line to {@code lines} until the other side closes. */
  public static void read(ReadableByteChannel channel, Consumer<String> lines) throws IOException {
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
