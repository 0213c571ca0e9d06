package dev.wall.player.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.player.testing.OpenFiles;
import dev.wall.player.testing.Poll;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The front end's protocol and limits, over real sockets on loopback, with small limits so that
 * each deadline is seen in a second or two. Requests are written byte for byte.
 */
class HttpFrontEndTest {
  private static final Duration SHORT = Duration.ofSeconds(1);

  private HttpFrontEnd server;
  private final List<Socket> clients = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stop() throws IOException {
    release.countDown();
    for (Socket client : clients) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static HttpLimits limits(int maxConnections, int workers, int queued) {
    return new HttpLimits(
        maxConnections, SHORT, SHORT, SHORT, SHORT, SHORT, 1024, 16, 256, workers, queued);
  }

  /** Says what it was asked: method, path, query, Authorization and body. */
  private static HttpResponse echo(HttpRequest request) {
    String text =
        request.method()
            + " "
            + request.path()
            + " "
            + request.query()
            + " "
            + request.header("Authorization").orElse("-")
            + " "
            + new String(request.body(), StandardCharsets.UTF_8);
    return HttpResponse.text(200, text);
  }

  private void start(HttpLimits limits, HttpFrontEnd.Handler handler) throws IOException {
    server =
        HttpFrontEnd.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            limits,
            "http-test",
            handler);
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort());
    socket.setSoTimeout(10_000);
    clients.add(socket);
    return socket;
  }

  private static void send(Socket socket, String bytes) throws IOException {
    socket.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
  }

  private String ask(String request) throws IOException {
    Socket socket = connect();
    send(socket, request);
    return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  /** Reads one response with a Content-Length body, leaving the connection open. */
  private static String response(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed after " + head);
      }
      head.append((char) b);
    }
    int length =
        Integer.parseInt(
            head.toString()
                .lines()
                .filter(l -> l.toLowerCase().startsWith("content-length:"))
                .findFirst()
                .orElseThrow()
                .substring(15)
                .strip());
    return head + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
  }

  private static String body(String answer) {
    return answer.substring(answer.indexOf("\r\n\r\n") + 4);
  }

  @Test
  void aPostWithABodyAndAKeyReachesTheHandlerWhole() throws Exception {
    start(limits(8, 2, 4), HttpFrontEndTest::echo);
    String answer =
        ask(
            "POST /api/v1/pause?now HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer k3y\r\nContent-Length: 11\r\nConnection: close\r\n\r\n"
                + "{\"at\": \"x\"}");
    assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer);
    assertEquals("POST /api/v1/pause now Bearer k3y {\"at\": \"x\"}\n", body(answer));
    assertTrue(answer.contains("\r\nX-Content-Type-Options: nosniff\r\n"), answer);
    assertTrue(answer.contains("\r\nCache-Control: no-store\r\n"), answer);
    assertTrue(answer.contains("\r\nContent-Security-Policy: default-src 'none'"), answer);
  }

  @Test
  void aBodyThatArrivesInPiecesIsWaitedFor() throws Exception {
    start(limits(8, 2, 4), HttpFrontEndTest::echo);
    Socket socket = connect();
    send(socket, "POST /a HTTP/1.1\r\nHost: localhost\r\nContent-Length: 6\r\n\r\nab");
    send(socket, "cdef");
    assertEquals("POST /a null - abcdef\n", body(response(socket.getInputStream())));
  }

  @Test
  void oneConnectionServesRequestAfterRequestAndPipelinedOnes() throws Exception {
    start(limits(8, 2, 4), HttpFrontEndTest::echo);
    Socket socket = connect();
    send(socket, "GET /one HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assertEquals("GET /one null - \n", body(response(socket.getInputStream())));
    send(
        socket,
        "GET /two HTTP/1.1\r\nHost: localhost\r\n\r\n\r\nGET /three HTTP/1.1\r\n"
            + "Host: localhost\r\n\r\nHEAD /four HTTP/1.1\r\nHost: localhost\r\n"
            + "Connection: close\r\n\r\n");
    InputStream in = socket.getInputStream();
    assertEquals("GET /two null - \n", body(response(in)));
    assertEquals("GET /three null - \n", body(response(in)));
    String head = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    assertTrue(
        head.startsWith("HTTP/1.1 200")
            && head.contains("Content-Length: 19\r\n")
            && head.contains("Connection: close\r\n")
            && head.endsWith("\r\n\r\n"),
        head);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "garbage|hello~~|400",
        "absolute target|GET http://evil.example/ HTTP/1.1~Host: localhost~~|400",
        "HTTP/2|GET / HTTP/2.0~Host: localhost~~|505",
        "no Host|GET / HTTP/1.1~~|400",
        "two Hosts|GET / HTTP/1.1~Host: localhost~Host: localhost~~|400",
        "foreign Host|GET / HTTP/1.1~Host: evil.example~~|421",
        "space before colon|GET / HTTP/1.1~Host : localhost~~|400",
        "folded header|GET / HTTP/1.1~Host: localhost~X-A: b~ c~~|400",
        "control character|GET / HTTP/1.1~Host: localhost~X-A: b\u0001c~~|400",
        "chunked|POST / HTTP/1.1~Host: localhost~Transfer-Encoding: chunked~~0~~|501",
        "body too big|POST / HTTP/1.1~Host: localhost~Content-Length: 257~~|413",
        "two lengths|POST / HTTP/1.1~Host: localhost~Content-Length: 1~Content-Length: 2~~|400",
        "negative length|POST / HTTP/1.1~Host: localhost~Content-Length: -1~~|400",
        "huge length|POST / HTTP/1.1~Host: localhost~Content-Length: 99999999999999~~|400"
      })
  void aBadRequestGetsItsStatusAndTheHandlerNeverSeesIt(String what, String request, int status)
      throws Exception {
    start(
        limits(8, 2, 4),
        r -> {
          throw new AssertionError("the handler saw " + what);
        });
    String answer = ask(request.replace("~", "\r\n")); // CsvSource splits at line breaks
    assertTrue(answer.startsWith("HTTP/1.1 " + status + " "), what + ": " + answer);
    assertTrue(answer.contains("Connection: close\r\n"), answer);
    assertEquals(1, server.stats().badRequests() + server.stats().wrongHost());
  }

  @Test
  void headersOverTheLimitAre431() throws Exception {
    start(limits(8, 2, 4), HttpFrontEndTest::echo);
    String big = "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(2000) + "\r\n\r\n";
    assertTrue(ask(big).startsWith("HTTP/1.1 431 "));
    StringBuilder many = new StringBuilder("GET / HTTP/1.1\r\nHost: localhost\r\n");
    for (int i = 0; i < 17; i++) {
      many.append("X-").append(i).append(": 1\r\n");
    }
    assertTrue(ask(many + "\r\n").startsWith("HTTP/1.1 431 "));
    // Never a blank line, and more bytes than the limit: refused without waiting for the end.
    Socket endless = connect();
    send(endless, "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(5000));
    byte[] answer = endless.getInputStream().readNBytes(13);
    assertEquals("HTTP/1.1 431 ", new String(answer, StandardCharsets.ISO_8859_1));
  }

  @Test
  void aHandlerThatFailsIs500AndTheNextRequestIsServed() throws Exception {
    start(
        limits(8, 1, 4),
        r -> {
          if (r.path().equals("/fail")) {
            throw new IllegalStateException("broken");
          }
          return echo(r);
        });
    assertTrue(
        ask("GET /fail HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            .startsWith("HTTP/1.1 500 "));
    assertTrue(
        ask("GET /ok HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            .startsWith("HTTP/1.1 200 "));
  }

  @Test
  void anIdleConnectionIsClosedAfterTheIdleTimeout() throws Exception {
    start(limits(8, 2, 4), HttpFrontEndTest::echo);
    Socket silent = connect();
    Socket kept = connect();
    send(kept, "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    response(kept.getInputStream());
    long start = System.nanoTime();
    assertEquals(-1, silent.getInputStream().read(), "nothing, then closed");
    assertEquals(-1, kept.getInputStream().read(), "kept alive, then closed");
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(seconds > 0.5 && seconds < 5, "closed after " + seconds + " s");
    Poll.until(Duration.ofSeconds(5), "no connection left", () -> server.stats().open() == 0);
  }

  @Test
  void aSlowHandlerGets503AfterItsTimeout() throws Exception {
    start(
        limits(8, 1, 4),
        r -> {
          release.await(30, TimeUnit.SECONDS);
          return echo(r);
        });
    long start = System.nanoTime();
    String answer = ask("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(answer.startsWith("HTTP/1.1 503 "), answer);
    assertTrue(seconds > 0.5 && seconds < 5, "503 after " + seconds + " s");
  }

  @Test
  void whenEveryWorkerIsBusyAndTheQueueFullTheNextIs503AtOnce() throws Exception {
    Duration patient = Duration.ofSeconds(30);
    start(
        new HttpLimits(8, SHORT, SHORT, patient, SHORT, SHORT, 1024, 16, 256, 1, 1),
        r -> {
          release.await(30, TimeUnit.SECONDS);
          return echo(r);
        });
    Socket running = connect();
    send(running, "GET /1 HTTP/1.1\r\nHost: localhost\r\n\r\n");
    Socket queued = connect();
    send(queued, "GET /2 HTTP/1.1\r\nHost: localhost\r\n\r\n");
    Poll.until(Duration.ofSeconds(5), "two requests taken", () -> server.stats().open() == 2);
    Socket third = connect();
    third.setSoTimeout(2000);
    send(third, "GET /3 HTTP/1.1\r\nHost: localhost\r\n\r\n");
    String answer = new String(third.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    assertTrue(answer.startsWith("HTTP/1.1 503 ") && answer.contains("Retry-After: 1"), answer);
    release.countDown();
    assertEquals("GET /1 null - \n", body(response(running.getInputStream())));
    assertEquals("GET /2 null - \n", body(response(queued.getInputStream())));
  }

  @Test
  void atTheCapANewConnectionTakesThePlaceOfTheLongestWaiting() throws Exception {
    start(limits(3, 2, 4), HttpFrontEndTest::echo);
    List<Socket> slow = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Socket s = connect();
      send(s, "GET / HT");
      slow.add(s);
      int open = i + 1;
      Poll.until(Duration.ofSeconds(5), "connection " + open, () -> server.stats().open() == open);
    }
    String answer = ask("GET /new HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
    assertEquals(1, server.stats().evicted());
    slow.get(0).setSoTimeout(2000);
    assertEquals(-1, slow.get(0).getInputStream().read(), "the first slow one made room");
    assertTrue(server.stats().open() <= 3);
  }

  @Test
  void atTheCapWithEveryConnectionBusyANewOneIsClosedAtOnce() throws Exception {
    Duration patient = Duration.ofSeconds(30);
    start(
        new HttpLimits(2, SHORT, SHORT, patient, SHORT, SHORT, 1024, 16, 256, 2, 2),
        r -> {
          release.await(30, TimeUnit.SECONDS);
          return echo(r);
        });
    for (int i = 0; i < 2; i++) {
      send(connect(), "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    }
    Poll.until(Duration.ofSeconds(5), "two requests taken", () -> server.stats().open() == 2);
    Socket refused = connect();
    refused.setSoTimeout(2000);
    long start = System.nanoTime();
    try {
      assertEquals(-1, refused.getInputStream().read());
    } catch (SocketTimeoutException e) {
      throw new AssertionError("a connection over the cap was kept waiting", e);
    } catch (IOException reset) {
      // Closed at once, before it said anything: as good as an end of stream.
    }
    assertTrue((System.nanoTime() - start) / 1e9 < 1.5);
    assertEquals(1, server.stats().refusedAtCap());
  }

  @Test
  void aClientThatDoesNotReadItsAnswerIsDroppedAfterTheWriteTimeout() throws Exception {
    byte[] big = new byte[32 * 1024 * 1024]; // more than both sockets' buffers hold
    start(limits(8, 1, 4), r -> HttpResponse.of(200, "application/octet-stream", big));
    Socket reader = connect();
    reader.setReceiveBufferSize(4096);
    send(reader, "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    Poll.until(
        Duration.ofSeconds(10),
        "the stalled write to be dropped",
        () -> server.stats().open() == 0);
    assertTrue(
        ask("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            .startsWith("HTTP/1.1 200 "));
  }

  @Test
  void thousandsOfConnectionsLeaveNothingBehind() throws Exception {
    start(limits(8, 2, 4), HttpFrontEndTest::echo);
    ask("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    clients.get(0).close();
    clients.clear();
    int files = OpenFiles.count();
    int port = server.address().getPort();
    for (int i = 0; i < 2000; i++) {
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        socket.setSoTimeout(10_000);
        switch (i % 4) {
          case 0 ->
              send(
                  socket,
                  "GET /" + i + " HTTP/1.1\r\nHost: localhost\r\n" + "Connection: close\r\n\r\n");
          case 1 -> send(socket, "GET /" + i + " HTTP/1.1\r\nHost: evil.example\r\n\r\n");
          case 2 -> send(socket, "GET /" + i + " HTTP/1.1\r\nHost: loc"); // and gone
          default -> {} // connected, and gone
        }
        if (i % 4 < 2) {
          assertTrue(
              new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1)
                  .startsWith(i % 4 == 0 ? "HTTP/1.1 200 " : "HTTP/1.1 421 "));
        }
      }
    }
    Poll.until(Duration.ofSeconds(5), "every connection closed", () -> server.stats().open() == 0);
    Poll.until(Duration.ofSeconds(5), "the open files as before", () -> OpenFiles.count() <= files);
    long threads =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith("http-test"))
            .count();
    assertTrue(threads <= 3, threads + " threads: one selector and two workers at most");
    assertEquals(2001, server.stats().accepted());
  }

  @Test
  void closeStopsItsThreadsAndClosesItsFiles() throws Exception {
    int files = OpenFiles.count();
    start(limits(8, 2, 4), HttpFrontEndTest::echo);
    int port = server.address().getPort();
    Socket idle = connect();
    send(idle, "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    response(idle.getInputStream());
    server.close();
    assertEquals(-1, idle.getInputStream().read(), "its connections closed");
    idle.close();
    clients.clear();
    assertFalse(
        Thread.getAllStackTraces().keySet().stream()
            .anyMatch(t -> t.getName().startsWith("http-test") && t.isAlive()),
        "a thread left");
    Poll.until(Duration.ofSeconds(5), "its files closed", () -> OpenFiles.count() <= files);
    assertEquals(0, OpenFiles.socketsOnLocalPort(port));
    server = null;
  }
}
