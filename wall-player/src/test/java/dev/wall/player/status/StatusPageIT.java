package dev.wall.player.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.player.testing.HeadlessChromium;
import dev.wall.player.testing.OpenFiles;
import dev.wall.player.testing.Poll;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status server with a real browser, Debian's headless Chromium (which sends {@code Host:
 * 127.0.0.1:PORT}): it gets the page while more slow connections than the cap hold on, and a page
 * that reaches the server under a foreign name, as DNS rebinding would, reads no status. Chromium
 * maps that name to 127.0.0.1 itself, and every other name to nothing: no DNS is asked.
 */
class StatusPageIT {
  @TempDir Path dir;
  private StatusServer server;
  private final List<Socket> slow = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (Socket s : slow) {
      s.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void chromiumGetsThePageWhileSlowClientsHoldOn() throws Exception {
    server = StatusServer.onLoopback(StatusServerTest.source(), 0);
    int port = server.address().getPort();
    for (int i = 0; i < StatusServerLimitsTest.CAP + 6; i++) {
      Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
      slow.add(socket);
      socket
          .getOutputStream()
          .write(
              "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
                  .getBytes(StandardCharsets.ISO_8859_1));
    }
    Poll.until(
        Duration.ofSeconds(10),
        "the server to fill up to its cap",
        () -> OpenFiles.socketsOnLocalPort(port) >= StatusServerLimitsTest.CAP + 1);
    String page = HeadlessChromium.dumpDom(server.url(), dir);
    assertEquals(2, page.split("class=\"tile playing\"", -1).length - 1, page);
    assertTrue(page.contains("<h1>lobby &lt;wall&gt;</h1>"), page);
  }

  @Test
  void aPageUnderAForeignNameReadsNoStatus() throws Exception {
    server = StatusServer.onLoopback(StatusServerTest.source(), 0);
    int port = server.address().getPort();
    String rules = "MAP evil.example 127.0.0.1, MAP localhost 127.0.0.1, MAP * ~NOTFOUND";
    for (String path : List.of("status.json", "")) {
      String url = "http://evil.example:" + port + "/" + path;
      String rebound = HeadlessChromium.dumpDom(url, rules, dir);
      assertTrue(rebound.contains("421"), rebound);
      assertFalse(rebound.contains("playing") || rebound.contains("lobby"), rebound);
    }
    String own = HeadlessChromium.dumpDom("http://localhost:" + port + "/status.json", rules, dir);
    assertTrue(own.contains("\"label\":\"playing\""), own);
    // Both pages reached the server and were refused (and Chromium's favicon requests with them).
    assertTrue(server.stats().wrongHost() >= 2, server.stats().toString());
  }
}
