package dev.wall.player.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The page's server, over real sockets on loopback, with requests written byte for byte (an HTTP
 * client would tidy {@code ..} away before sending it).
 */
class StatusServerTest {
  static final String LAYOUT =
      """
      {"version": 1, "name": "lobby <wall>", "mediaRoot": "/m", "screens": [
        {"name": "tl", "host": "localhost", "window": {"x": 0, "y": 0, "width": 320, "height": 180}, "media": "a.mp4"},
        {"name": "tr", "host": "localhost", "window": {"x": 320, "y": 0, "width": 320, "height": 180}, "media": "a.mp4"}]}
      """;
  static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 'J'};

  private StatusServer server;

  static StatusSource source() throws Exception {
    Layout layout = new LayoutReader().read("lobby.json", LAYOUT);
    return new StatusSource() {
      @Override
      public StatusView now() {
        List<ScreenView> screens =
            IntStream.range(0, 2)
                .mapToObj(
                    i ->
                        new ScreenView(
                            layout.screen(i).name(),
                            "localhost",
                            ScreenView.PLAYING,
                            "playing",
                            3,
                            0.25,
                            1.0004,
                            0,
                            null))
                .toList();
        return new StatusView(
            layout,
            Instant.parse("2026-03-30T08:00:00Z"),
            "loop 3 at 1.2 s",
            "closes Mon 18:00",
            screens);
      }

      @Override
      public Optional<byte[]> thumbnail(int rank) {
        return Optional.of(JPEG);
      }
    };
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Sends {@code request} as it is and returns the whole answer. */
  private String raw(String request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      socket.setSoTimeout(5000);
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private String request(String method, String path) throws IOException {
    return raw(
        method
            + " "
            + path
            + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
  }

  @Test
  void thePageSaysWhatEachScreenDoes() throws Exception {
    server = StatusServer.onLoopback(source(), 0);
    String answer = request("GET", "/");
    assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
    assertTrue(answer.toLowerCase().contains("content-type: text/html; charset=utf-8"), answer);
    assertTrue(answer.contains("<h1>lobby &lt;wall&gt;</h1>"), "the layout's text is escaped");
    assertTrue(answer.contains("Schedule: closes Mon 18:00"));
    assertEquals(2, answer.split("class=\"tile playing\"", -1).length - 1);
    assertTrue(answer.contains("<td>+0.25</td><td>1.0004</td>"), answer);
  }

  @Test
  void headHasTheHeadersAndNoBody() throws Exception {
    server = StatusServer.onLoopback(source(), 0);
    String answer = request("HEAD", "/");
    assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
    assertFalse(answer.contains("<html"), answer);
  }

  @Test
  void jsonAndThumbnails() throws Exception {
    server = StatusServer.onLoopback(source(), 0);
    assertTrue(request("GET", "/status.json").contains("\"label\":\"playing\""));
    String jpeg = request("GET", "/screen/1.jpg");
    assertTrue(
        jpeg.startsWith("HTTP/1.1 200")
            && jpeg.toLowerCase().contains("content-type: image/jpeg")
            && jpeg.endsWith("\u00ff\u00d8\u00ffJ"),
        jpeg);
    assertTrue(
        request("GET", "/screen/2.jpg").startsWith("HTTP/1.1 404"), "only the wall's screens");
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"})
  void everyOtherMethodIs405(String method) throws Exception {
    server = StatusServer.onLoopback(source(), 0);
    String answer = request(method, "/");
    assertTrue(answer.startsWith("HTTP/1.1 405"), answer);
    assertTrue(answer.toLowerCase().contains("allow: get, head"), answer);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/screen/../../../etc/passwd",
        "/screen/..%2f..%2fetc%2fpasswd",
        "//etc/passwd",
        "/etc/passwd",
        "/index.html",
        "/screen/0.jpg/../../../etc/passwd",
        "/?file=/etc/passwd",
        "/status.json/..",
        "/.%00/etc/passwd"
      })
  void pathsOutsideThePageAre404AndNoFile(String path) throws Exception {
    server = StatusServer.onLoopback(source(), 0);
    String answer = request("GET", path);
    assertTrue(
        answer.startsWith("HTTP/1.1 404") || answer.startsWith("HTTP/1.1 400"),
        path + ": " + answer);
    assertFalse(answer.contains("root:"), answer);
  }

  @Test
  void onLoopbackNothingElseReachesIt() throws Exception {
    server = StatusServer.onLoopback(source(), 0);
    assertEquals("127.0.0.1", server.address().getAddress().getHostAddress());
    // 127.0.0.2 is this machine too, but not the address the page listens on: refused.
    try (Socket other = new Socket()) {
      assertThrows(
          ConnectException.class,
          () ->
              other.connect(
                  new InetSocketAddress(
                      InetAddress.getByName("127.0.0.2"), server.address().getPort()),
                  2000));
    }
  }

  @Test
  void onTheLanItIsReachedFromOtherAddresses() throws Exception {
    server = StatusServer.start(source(), InetAddress.getByName("0.0.0.0"), 0);
    try (Socket other = new Socket()) {
      other.connect(
          new InetSocketAddress(InetAddress.getByName("127.0.0.2"), server.address().getPort()),
          2000);
      assertTrue(other.isConnected());
    }
  }
}
