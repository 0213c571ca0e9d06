package dev.wall.player.status;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The read-only status page, on the JDK's own HTTP server ({@code com.sun.net.httpserver}, module
 * jdk.httpserver): no dependency to keep up to date on a box that runs for months, and a page of
 * three paths needs nothing more.
 *
 * <p>It serves exactly three paths, matched on the raw request path, and no files: {@code /} (the
 * page), {@code /status.json} (the same facts) and {@code /screen/N.jpg} (a thumbnail). Anything
 * else is 404, so {@code /../../etc/passwd} or {@code %2e%2e} reach nothing; any method but GET and
 * HEAD is 405. It listens on the loopback address unless told to listen on the LAN.
 */
public final class StatusServer implements AutoCloseable {
  private static final Pattern THUMBNAIL = Pattern.compile("/screen/([0-9]{1,3})\\.jpg");
  private static final String SECURITY_POLICY =
      "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'";

  private final HttpServer server;
  private final ExecutorService workers;
  private final StatusSource source;

  private StatusServer(HttpServer server, ExecutorService workers, StatusSource source) {
    this.server = server;
    this.workers = workers;
    this.source = source;
  }

  /**
   * @param address where to listen: the loopback address for this machine only, or a LAN address
   *     (or 0.0.0.0) when the page should be seen from other machines
   * @param port the TCP port; 0 picks a free one
   */
  public static StatusServer start(StatusSource source, InetAddress address, int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 16);
    ExecutorService workers = Executors.newFixedThreadPool(2, runnable -> {
      Thread thread = new Thread(runnable, "status-page");
      thread.setDaemon(true);
      return thread;
    });
    StatusServer status = new StatusServer(server, workers, source);
    server.createContext("/", status::handle);
    server.setExecutor(workers);
    server.start();
    return status;
  }

  public static StatusServer onLoopback(StatusSource source, int port) throws IOException {
    return start(source, InetAddress.getLoopbackAddress(), port);
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** The page's address, for the console: {@code http://127.0.0.1:8080/}. */
  public String url() {
    InetSocketAddress a = address();
    String host = a.getAddress().isAnyLocalAddress() ? "0.0.0.0" : a.getAddress().getHostAddress();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      boolean head = method.equals("HEAD");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
      exchange.getResponseHeaders().set("Content-Security-Policy", SECURITY_POLICY);
      if (!head && !method.equals("GET")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "text/plain; charset=utf-8", "405 read-only: only GET and HEAD\n".getBytes(StandardCharsets.UTF_8), false);
        return;
      }
      String path = exchange.getRequestURI().getRawPath();
      if (exchange.getRequestURI().getRawQuery() != null || path == null) {
        notFound(exchange, head);
        return;
      }
      if (path.equals("/")) {
        send(exchange, 200, "text/html; charset=utf-8", StatusPage.html(source.now()).getBytes(StandardCharsets.UTF_8), head);
        return;
      }
      if (path.equals("/status.json")) {
        send(exchange, 200, "application/json", StatusJson.of(source.now()).getBytes(StandardCharsets.UTF_8), head);
        return;
      }
      Matcher thumbnail = THUMBNAIL.matcher(path);
      if (thumbnail.matches()) {
        int rank = Integer.parseInt(thumbnail.group(1));
        Optional<byte[]> jpeg = rank < source.now().screens().size() ? source.thumbnail(rank) : Optional.empty();
        if (jpeg.isPresent()) {
          send(exchange, 200, "image/jpeg", jpeg.get(), head);
          return;
        }
      }
      notFound(exchange, head);
    } catch (RuntimeException e) {
      // A broken page must not break the wall: the request fails, the controller plays on.
      exchange.sendResponseHeaders(500, -1);
    }
  }

  private static void notFound(HttpExchange exchange, boolean head) throws IOException {
    send(exchange, 404, "text/plain; charset=utf-8", "404 not found\n".getBytes(StandardCharsets.UTF_8), head);
  }

  private static void send(HttpExchange exchange, int code, String type, byte[] body, boolean head) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    if (head) {
      exchange.getResponseHeaders().set("Content-Length", String.valueOf(body.length));
      exchange.sendResponseHeaders(code, -1);
      return;
    }
    exchange.sendResponseHeaders(code, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
    try {
      workers.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
