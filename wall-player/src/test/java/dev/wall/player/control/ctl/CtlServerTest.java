package dev.wall.player.control.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.player.control.CommandOutcome;
import dev.wall.player.control.ControlTally;
import dev.wall.player.wire.ControlCommand;
import dev.wall.player.wire.CtlExchange;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Callers that connect and say nothing do not keep the wall from taking commands. */
class CtlServerTest {
  @TempDir Path runDir;

  @Test
  void silentCallersAreDroppedAndACommandBehindThemIsServed() throws Exception {
    try (CtlServer server =
        CtlServer.start(
            runDir,
            (command, source) -> CommandOutcome.applied(command, "every screen"),
            ControlTally.NONE,
            new PrintWriter(new StringWriter(), true))) {
      UnixDomainSocketAddress address = UnixDomainSocketAddress.of(server.socket());
      List<SocketChannel> silent =
          List.of(SocketChannel.open(address), SocketChannel.open(address));
      try (SocketChannel caller = SocketChannel.open(StandardProtocolFamily.UNIX)) {
        long start = System.nanoTime();
        caller.connect(address);
        caller.write(
            ByteBuffer.wrap(
                (CtlExchange.request(new ControlCommand.Pause()) + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
        String answer = readLine(caller);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(CtlExchange.applied(answer), answer);
        assertTrue(
            seconds < CtlServer.READ_DEADLINE.toSeconds() + 3, "served after " + seconds + " s");
      }
      for (SocketChannel channel : silent) {
        assertEquals(-1, channel.read(ByteBuffer.allocate(16)), "a silent caller is hung up on");
        channel.close();
      }
    }
  }

  private static String readLine(SocketChannel channel) throws Exception {
    StringBuilder line = new StringBuilder();
    ByteBuffer one = ByteBuffer.allocate(1);
    while (channel.read(one.clear()) > 0) {
      char c = (char) one.get(0);
      if (c == '\n') {
        break;
      }
      line.append(c);
    }
    return line.toString();
  }
}
