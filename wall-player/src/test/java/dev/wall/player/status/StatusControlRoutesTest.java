package dev.wall.player.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import dev.wall.core.sync.ScreenState;
import dev.wall.player.http.HttpResponse;
import dev.wall.player.wire.WallStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The status server beside its page: {@code /metrics} read-only like the page, {@code /api/v1/...}
 * handed to HTTP control only when it is on, and the page's skew plots.
 */
class StatusControlRoutesTest {
  private StatusServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

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

  private String request(String method, String path, String host) throws IOException {
    return raw(
        method
            + " "
            + path
            + " HTTP/1.1\r\nHost: "
            + host
            + "\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
  }

  @Test
  void withControlOffTheApiIsReadOnlyLikeThePage() throws Exception {
    server =
        StatusServer.start(
            StatusServerTest.source(),
            InetAddress.getLoopbackAddress(),
            0,
            new StatusServer.Extras(() -> "wall_up 1\n".getBytes(StandardCharsets.UTF_8), null));
    assertTrue(request("POST", "/api/v1/pause", "localhost").startsWith("HTTP/1.1 405 "));
    assertTrue(request("GET", "/api/v1/pause", "localhost").startsWith("HTTP/1.1 404 "));
    String metrics = request("GET", "/metrics", "localhost");
    assertTrue(metrics.startsWith("HTTP/1.1 200 "), metrics);
    assertTrue(metrics.contains("Content-Type: text/plain; version=0.0.4; charset=utf-8"), metrics);
    assertTrue(metrics.endsWith("\r\n\r\nwall_up 1\n"), metrics);
    assertTrue(request("POST", "/metrics", "localhost").startsWith("HTTP/1.1 405 "));
    assertTrue(request("GET", "/metrics?x=1", "localhost").startsWith("HTTP/1.1 404 "));
    assertTrue(request("GET", "/metrics", "evil.example").startsWith("HTTP/1.1 421 "));
  }

  @Test
  void withControlOnTheApiGoesToItsHandlerAfterTheHostCheck() throws Exception {
    server =
        StatusServer.start(
            StatusServerTest.source(),
            InetAddress.getLoopbackAddress(),
            0,
            new StatusServer.Extras(
                null, request -> HttpResponse.text(418 - 18, "api " + request.path())));
    String api = request("POST", "/api/v1/pause", "127.0.0.1");
    assertTrue(api.startsWith("HTTP/1.1 400 ") && api.endsWith("api /api/v1/pause\n"), api);
    assertTrue(
        request("POST", "/api/v1/pause", "evil.example").startsWith("HTTP/1.1 421 "),
        "a rebound name never reaches the API");
    assertTrue(request("GET", "/metrics", "localhost").startsWith("HTTP/1.1 404 "), "none given");
    assertTrue(request("GET", "/", "localhost").startsWith("HTTP/1.1 200 "));
  }

  @Test
  void thePageDrawsEachScreensSkewOverTheHourWithoutScript() throws Exception {
    Layout layout = new LayoutReader().read("lobby.json", StatusServerTest.LAYOUT);
    Clock clock = Clock.fixed(Instant.parse("2026-03-30T08:00:00Z"), ZoneOffset.UTC);
    SkewHistory history = new SkewHistory(List.of("tl", "tr"), clock);
    history.accept(
        new WallStatus(
            1,
            0,
            1,
            1,
            30,
            List.of(
                new WallStatus.Screen(
                    "tl", "localhost", ScreenState.PLAYING, 1.0, 50.0, 1, 0, null, null),
                new WallStatus.Screen(
                    "tr", "localhost", ScreenState.RECOVERING, null, null, 1, 0, null, null))));
    history.accept(
        new WallStatus(
            1,
            0,
            1,
            1,
            30,
            List.of(
                new WallStatus.Screen(
                    "tl", "localhost", ScreenState.PLAYING, 1.0, -20.0, 1, 0, null, null),
                new WallStatus.Screen(
                    "tr", "localhost", ScreenState.RECOVERING, null, null, 1, 0, null, null))));
    List<SkewHistory.Trace> traces = history.traces();
    assertEquals(SkewHistory.SLOTS, traces.get(0).frames().length);
    assertEquals(
        1.5,
        traces.get(0).frames()[SkewHistory.SLOTS - 1],
        1e-9,
        "the worst of the slot, in frames");
    assertTrue(Double.isNaN(traces.get(0).frames()[0]));
    assertTrue(Double.isNaN(traces.get(1).frames()[SkewHistory.SLOTS - 1]), "tr did not play");
    StatusView view = new StatusView(layout, clock.instant(), "playing", null, List.of(), traces);
    String html = StatusPage.html(view);
    assertEquals(2, html.split("class=\"skew-plot\"", -1).length - 1, html);
    assertEquals(1, html.split("<polyline class=\"skew\"", -1).length - 1, html);
    assertTrue(html.contains("tl: worst +1.50, scale \u00b12"), html);
    assertTrue(html.contains("tr: no rounds yet"), html);
    assertFalse(html.toLowerCase().contains("<script"), html);
  }

  @Test
  void theHistoryKeepsAnHourInFixedMemory() {
    Instant[] now = {Instant.parse("2026-03-30T08:00:00Z")};
    Clock clock =
        new Clock() {
          @Override
          public Instant instant() {
            return now[0];
          }

          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }
        };
    SkewHistory history = new SkewHistory(List.of("tl"), clock);
    for (int s = 0; s < 3 * 3600; s++) { // three hours of rounds, one a second
      history.accept(
          new WallStatus(
              1,
              0,
              1,
              1,
              30,
              List.of(
                  new WallStatus.Screen(
                      "tl",
                      "localhost",
                      ScreenState.PLAYING,
                      1.0,
                      (double) (s % 100),
                      1,
                      0,
                      null,
                      null))));
      now[0] = now[0].plusSeconds(1);
    }
    double[] frames = history.traces().get(0).frames();
    assertEquals(SkewHistory.SLOTS, frames.length);
    for (int i = 0; i < frames.length - 1; i++) {
      assertFalse(Double.isNaN(frames[i]), "slot " + i);
    }
    assertTrue(Double.isNaN(frames[frames.length - 1]), "the slot just begun has no round yet");
  }
}
