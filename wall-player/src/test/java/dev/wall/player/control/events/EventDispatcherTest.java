package dev.wall.player.control.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.wall.player.control.ControlKey;
import dev.wall.player.control.osc.OscMessage;
import dev.wall.player.testing.Poll;
import dev.wall.player.wire.WallEvent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Events out, to a webhook receiver and an OSC receiver on loopback: signed, in order, retried, and
 * never in the wall's way when a target is slow or dead.
 */
class EventDispatcherTest {
  private static final ControlKey KEY = ControlKey.generate();
  private static final ObjectMapper JSON = new ObjectMapper();
  private HttpServer receiver;
  private EventDispatcher dispatcher;
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stop() {
    release.countDown();
    if (dispatcher != null) {
      dispatcher.close();
    }
    if (receiver != null) {
      receiver.stop(0);
    }
  }

  /** What the receiver got: the body, the signature header, and the event header. */
  record Got(String body, String signature, String event) {}

  private String receive(List<Got> got, AtomicInteger failFirst, boolean hold) throws Exception {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    receiver.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
    receiver.createContext(
        "/hook",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          if (hold) {
            try {
              release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          int status = failFirst.getAndDecrement() > 0 ? 503 : 204;
          if (status == 204) {
            got.add(
                new Got(
                    new String(body, StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("X-Wall-Signature"),
                    exchange.getRequestHeaders().getFirst("X-Wall-Event")));
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    receiver.start();
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
  }

  static String hmac(String key, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static WallEvent event(WallEvent.Kind kind, String screen) {
    return WallEvent.of(kind, Instant.parse("2026-12-07T10:00:00Z"), Map.of("screen", screen));
  }

  @Test
  void eachEventIsPostedSignedInOrderAndRetried() throws Exception {
    List<Got> got = new CopyOnWriteArrayList<>();
    String url = receive(got, new AtomicInteger(2), false);
    dispatcher =
        new EventDispatcher(
            List.of(url), List.of(), KEY, "lobby", "ctl", "wall/test", Duration.ofMillis(10));
    dispatcher.publish(event(WallEvent.Kind.SCREEN_RECOVERING, "tr"));
    dispatcher.publish(event(WallEvent.Kind.SCREEN_BACK, "tr"));
    Poll.until(Duration.ofSeconds(10), "two events", () -> got.size() == 2);
    for (int i = 0; i < 2; i++) {
      Got one = got.get(i);
      assertEquals(hmac(KEY.text(), one.body()), one.signature());
      JsonNode body = JSON.readTree(one.body());
      assertEquals(i + 1, body.get("sequence").asInt());
      assertEquals("lobby", body.get("wall").asText());
      assertEquals("tr", body.get("facts").get("screen").asText());
      assertTrue(!one.body().contains(KEY.text()), "the key itself never leaves the wall");
    }
    assertEquals("screen-recovering", got.get(0).event());
    assertEquals("screen-back", got.get(1).event());
    Outbox.Stats stats = dispatcher.outboxes().get(0).stats();
    assertEquals(2, stats.delivered());
    assertEquals(2, stats.retried(), "two 503s, then taken");
  }

  @Test
  void aStalledTargetCostsPublishingNothingAndLosesTheOldest() throws Exception {
    List<Got> got = new CopyOnWriteArrayList<>();
    String url = receive(got, new AtomicInteger(0), true);
    // A second target that is not there at all: nothing listens on its port.
    dispatcher =
        new EventDispatcher(
            List.of(url, "http://127.0.0.1:9/dead"),
            List.of(),
            KEY,
            "lobby",
            "ctl",
            "wall/test",
            Duration.ofMillis(10));
    int events = 10_000;
    long start = System.nanoTime();
    for (int i = 0; i < events; i++) {
      dispatcher.publish(event(WallEvent.Kind.ITEM_CHANGED, "s" + i));
    }
    double micros = (System.nanoTime() - start) / 1e3 / events;
    Outbox.Stats stalled = dispatcher.outboxes().get(0).stats();
    System.out.printf(
        "publishing %d events to a stalled and a dead webhook: %.2f us each;"
            + " stalled target: %d dropped, %d waiting%n",
        events, micros, stalled.dropped(), stalled.waiting());
    assertTrue(stalled.waiting() <= EventDispatcher.QUEUE);
    assertTrue(stalled.dropped() >= events - EventDispatcher.QUEUE - 1, stalled.toString());
    release.countDown();
    Poll.until(
        Duration.ofSeconds(20),
        "the stalled target to catch up",
        () -> dispatcher.outboxes().get(0).stats().waiting() == 0 && got.size() >= 2);
    // What it got at last is the newest, in order, with the gap shown by the sequence numbers.
    int last = JSON.readTree(got.get(got.size() - 1).body()).get("sequence").asInt();
    assertEquals(events, last);
    Outbox.Stats dead = dispatcher.outboxes().get(1).stats();
    System.out.printf("dead target: %s%n", dead);
    assertEquals(0, dead.delivered());
    assertTrue(
        dead.lastFailure() != null && dead.lastFailure().contains("Connect"), dead.toString());
  }

  @Test
  void oscFeedbackSendsEachEventAsAMessage() throws Exception {
    try (DatagramChannel listener = DatagramChannel.open()) {
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      dispatcher =
          new EventDispatcher(
              List.of(),
              List.of((InetSocketAddress) listener.getLocalAddress()),
              KEY,
              "lobby",
              "ctl",
              "wall/test",
              Duration.ofMillis(10));
      dispatcher.publish(
          WallEvent.of(
              WallEvent.Kind.LOOP_STARTED,
              Instant.parse("2026-12-07T10:00:00Z"),
              Map.of("loop", "3")));
      ByteBuffer buffer = ByteBuffer.allocate(2048);
      listener.receive(buffer);
      buffer.flip();
      OscMessage message = OscMessage.read(buffer);
      assertEquals("/wall/event/loop-started", message.address());
      assertEquals(List.of("2026-12-07T10:00:00Z", "loop", "3"), message.args());
    }
  }
}
