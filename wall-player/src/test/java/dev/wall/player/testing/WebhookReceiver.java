package dev.wall.player.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.wall.player.control.ControlKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * A webhook target on loopback, as a show-control system would run one: it keeps every POST it gets
 * (path, signature header, body), in the order they came, and answers 204. One thread serves it, so
 * the order kept is the order sent.
 */
public final class WebhookReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One POST as it came. */
  public record Delivery(String path, String signature, byte[] body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("a webhook body that is not JSON", e);
      }
    }

    /** Whether its signature is HMAC-SHA256 of its body under {@code key}. */
    public boolean signedWith(ControlKey key) {
      return ("sha256=" + key.sign(body)).equals(signature);
    }
  }

  private final HttpServer server;
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

  private WebhookReceiver(HttpServer server) {
    this.server = server;
  }

  /** Listens on 127.0.0.1, on a free port, for POSTs to {@code paths}. */
  public static WebhookReceiver start(String... paths) throws IOException {
    return start(Duration.ZERO, paths);
  }

  /**
   * The same, taking {@code answerAfter} to answer each POST, as a target across the internet might
   * (it has the body at once).
   */
  public static WebhookReceiver start(Duration answerAfter, String... paths) throws IOException {
    WebhookReceiver receiver =
        new WebhookReceiver(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
    for (String path : paths) {
      receiver.server.createContext(
          path,
          exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            receiver.deliveries.add(
                new Delivery(
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("X-Wall-Signature"),
                    body));
            LockSupport.parkNanos(answerAfter.toNanos());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
          });
    }
    receiver.server.start();
    return receiver;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** What came to {@code path} so far, in order. */
  public List<Delivery> at(String path) {
    return deliveries.stream().filter(d -> d.path().equals(path)).toList();
  }

  /** Everything that came so far, to every path, in order. */
  public List<Delivery> all() {
    return List.copyOf(deliveries);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
