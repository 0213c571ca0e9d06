package dev.wall.player.control.osc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.SourceNetwork;
import dev.wall.player.control.ControlKey;
import dev.wall.player.control.ControlTally;
import dev.wall.player.control.FakeWall;
import dev.wall.player.testing.Poll;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** OSC control over real UDP on loopback, against an in-process wall. */
class OscServerTest {
  private static final ControlKey KEY = ControlKey.generate();
  private final FakeWall wall = new FakeWall(false);
  private final StringWriter log = new StringWriter();
  private OscServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private OscServer start(String allow) throws Exception {
    server =
        OscServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            List.of(SourceNetwork.parse(allow).orElseThrow()),
            KEY,
            wall,
            ControlTally.NONE,
            new PrintWriter(log, true));
    return server;
  }

  private void send(String from, OscMessage message) throws Exception {
    send(from, message.bytes());
  }

  private void send(String from, byte[] bytes) throws Exception {
    try (DatagramChannel channel = DatagramChannel.open()) {
      channel.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
      channel.send(ByteBuffer.wrap(bytes), server.address());
    }
  }

  private long seen() {
    return server.accepted() + server.dropped().values().stream().mapToLong(Long::longValue).sum();
  }

  @Test
  void aKeyedCommandFromAnAllowedNetworkIsAppliedAndLogged() throws Exception {
    start("127.0.0.1/32");
    send("127.0.0.1", new OscMessage("/wall/goto", List.of(KEY.text(), 3)));
    send("127.0.0.1", new OscMessage("/wall/loops", List.of(KEY.text(), 4.0f)));
    send("127.0.0.1", new OscMessage("/wall/trigger", List.of(KEY.text(), "door.mp4", "span")));
    Poll.until(Duration.ofSeconds(5), "three commands", () -> wall.applied.size() == 3);
    assertEquals(
        List.of("goto 3 <- osc", "loops 4 <- osc", "trigger door.mp4 span resume <- osc"),
        wall.applied);
    Poll.until(Duration.ofSeconds(5), "the log", () -> log.toString().contains("trigger"));
    assertTrue(log.toString().contains("wall: osc from 127.0.0.1:"), log.toString());
  }

  @Test
  void everythingElseIsDroppedAndCountedByReason() throws Exception {
    start("127.0.0.1/32");
    send("127.0.0.3", new OscMessage("/wall/pause", List.of(KEY.text()))); // outside the list
    send("127.0.0.1", new OscMessage("/wall/pause", List.of())); // no key
    send("127.0.0.1", new OscMessage("/wall/pause", List.of(3))); // no key: an int first
    send("127.0.0.1", new OscMessage("/wall/pause", List.of("not-the-key"))); // wrong key
    send("127.0.0.1", new OscMessage("/wall/goto", List.of(3))); // replayed without its key
    send("127.0.0.1", new byte[] {'/', 'x', 0, 0}); // no type tags
    send("127.0.0.1", new OscMessage("/wall/explode", List.of(KEY.text()))); // no such verb
    send("127.0.0.1", new OscMessage("/other/pause", List.of(KEY.text())));
    send("127.0.0.1", new OscMessage("/wall/goto", List.of(KEY.text(), 2.5f)));
    send("127.0.0.1", new byte[OscMessage.MAX_BYTES + 8]); // too big: cut short on arrival
    Poll.until(Duration.ofSeconds(5), "ten datagrams", () -> seen() == 10);
    assertEquals(Map.of("source", 1L, "key", 4L, "malformed", 5L, "busy", 0L), server.dropped());
    assertEquals(List.of(), wall.applied);
    // Drops are logged at most once a minute per reason.
    assertEquals(
        3, log.toString().lines().filter(l -> l.contains("dropped")).count(), log.toString());
  }
}
