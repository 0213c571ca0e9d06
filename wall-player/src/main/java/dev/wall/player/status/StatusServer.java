package dev.wall.player.status;

import dev.wall.player.http.HttpFrontEnd;
import dev.wall.player.http.HttpLimits;
import dev.wall.player.http.HttpRequest;
import dev.wall.player.http.HttpResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The status page, on the wall's own small HTTP server ({@link HttpFrontEnd}): a slow or hostile
 * client holds no thread, every connection, byte and second is bounded, and a request is answered
 * only when its Host is this machine's (so a page elsewhere cannot read it through DNS rebinding).
 *
 * <p>It serves exactly four paths, matched on the raw request path, and no files: {@code /} (the
 * page), {@code /status.json} (the same facts), {@code /metrics} (the same and more, for
 * Prometheus) and {@code /screen/N.jpg} (a thumbnail). Anything else is 404, so {@code
 * /../../etc/passwd} or {@code %2e%2e} reach nothing; any method but GET and HEAD is 405. With HTTP
 * control on, {@code POST /api/v1/VERB} goes to its handler ({@code control/api/ControlApi}), which
 * checks the key; without it, those paths are read-only like the rest. It listens on the loopback
 * address unless told to listen on the LAN.
 */
public final class StatusServer implements AutoCloseable {
  private static final Pattern THUMBNAIL = Pattern.compile("/screen/([0-9]{1,3})\\.jpg");
  private static final String SECURITY_POLICY =
      "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'";

  /**
   * Thumbnails taken at once: each can wait seconds for a player, so they may hold at most this
   * many of the server's workers, and the page always has the others.
   */
  static final int THUMBNAILS_AT_ONCE = 2;

  private static final String METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /**
   * What the server serves beside the page.
   *
   * @param metrics {@code /metrics} in the Prometheus text format, or null for none
   * @param control the handler of {@code /api/v1/}, or null while HTTP control is off
   */
  public record Extras(Supplier<byte[]> metrics, HttpFrontEnd.Handler control) {
    public static final Extras NONE = new Extras(null, null);
  }

  private final StatusSource source;
  private final Extras extras;
  private final Semaphore thumbnails = new Semaphore(THUMBNAILS_AT_ONCE);
  private HttpFrontEnd server;

  private StatusServer(StatusSource source, Extras extras) {
    this.source = source;
    this.extras = extras;
  }

  /**
   * @param address where to listen: the loopback address for this machine only, or a LAN address
   *     (or 0.0.0.0) when the page should be seen from other machines
   * @param port the TCP port; 0 picks a free one
   */
  public static StatusServer start(StatusSource source, InetAddress address, int port)
      throws IOException {
    return start(source, address, port, Extras.NONE);
  }

  /** The same, with {@code /metrics} and HTTP control as {@code extras} say. */
  public static StatusServer start(
      StatusSource source, InetAddress address, int port, Extras extras) throws IOException {
    StatusServer status = new StatusServer(source, extras);
    status.server =
        HttpFrontEnd.start(
            new InetSocketAddress(address, port),
            HttpLimits.STATUS_SERVER,
            "status-page",
            status::handle);
    return status;
  }

  public static StatusServer onLoopback(StatusSource source, int port) throws IOException {
    return start(source, InetAddress.getLoopbackAddress(), port);
  }

  public InetSocketAddress address() {
    return server.address();
  }

  /** What the server did so far: connections open, timed out, refused... */
  public HttpFrontEnd.Stats stats() {
    return server.stats();
  }

  /** The page's address, for the console: {@code http://127.0.0.1:8080/}. */
  public String url() {
    InetSocketAddress a = address();
    String host = a.getAddress().isAnyLocalAddress() ? "0.0.0.0" : a.getAddress().getHostAddress();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/";
  }

  private HttpResponse handle(HttpRequest request) throws Exception {
    if (extras.control() != null && request.path().startsWith("/api/")) {
      return extras.control().handle(request);
    }
    return page(request).with("Content-Security-Policy", SECURITY_POLICY);
  }

  private HttpResponse page(HttpRequest request) {
    String method = request.method();
    if (!method.equals("HEAD") && !method.equals("GET")) {
      return HttpResponse.text(405, "405 read-only: only GET and HEAD").with("Allow", "GET, HEAD");
    }
    String path = request.path();
    if (request.query() != null) {
      return notFound();
    }
    if (path.equals("/")) {
      return HttpResponse.of(
          200,
          "text/html; charset=utf-8",
          StatusPage.html(source.now()).getBytes(StandardCharsets.UTF_8));
    }
    if (path.equals("/metrics") && extras.metrics() != null) {
      return HttpResponse.of(200, METRICS_TYPE, extras.metrics().get());
    }
    if (path.equals("/status.json")) {
      return HttpResponse.of(
          200, "application/json", StatusJson.of(source.now()).getBytes(StandardCharsets.UTF_8));
    }
    Matcher thumbnail = THUMBNAIL.matcher(path);
    if (thumbnail.matches()) {
      int rank = Integer.parseInt(thumbnail.group(1));
      if (rank >= source.now().screens().size()) {
        return notFound();
      }
      if (!thumbnails.tryAcquire()) {
        return HttpResponse.text(503, "503 other thumbnails are being taken; try again")
            .with("Retry-After", "1");
      }
      try {
        Optional<byte[]> jpeg = source.thumbnail(rank);
        if (jpeg.isPresent()) {
          return HttpResponse.of(200, "image/jpeg", jpeg.get());
        }
      } finally {
        thumbnails.release();
      }
    }
    return notFound();
  }

  private static HttpResponse notFound() {
    return HttpResponse.text(404, "404 not found");
  }

  @Override
  public void close() {
    server.close();
  }
}
