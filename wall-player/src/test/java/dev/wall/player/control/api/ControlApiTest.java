package dev.wall.player.control.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wall.player.control.CommandOutcome;
import dev.wall.player.control.CommandSource;
import dev.wall.player.control.ControlKey;
import dev.wall.player.control.ControlTally;
import dev.wall.player.control.FakeWall;
import dev.wall.player.http.HttpRequest;
import dev.wall.player.http.HttpResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * HTTP control's checks, in order, each answered at once, against an in-process wall: the real
 * parts (a playing wall, curl-like clients) are in ShowControlIT.
 */
class ControlApiTest {
  static final ControlKey KEY = ControlKey.generate();
  private static final ObjectMapper JSON = new ObjectMapper();
  private final FakeWall wall = new FakeWall(false);
  private final List<String> tallied = new ArrayList<>();
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final FailureThrottle throttle =
      new FailureThrottle(
          4, 5, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(15), now::get);
  private final StringWriter log = new StringWriter();
  private final ControlApi api =
      new ControlApi(
          KEY,
          wall,
          throttle,
          new ControlTally() {
            @Override
            public void refused(String way, String reason) {
              tallied.add(way + " " + reason);
            }

            @Override
            public void answered(CommandSource source, CommandOutcome outcome) {
              tallied.add(source.way() + (outcome.applied() ? " applied" : " refused"));
            }
          },
          new PrintWriter(log, true));

  static HttpRequest post(String path, String from, String body, String... headers) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    map.put("host", List.of("127.0.0.1:8080"));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      map.computeIfAbsent(headers[i].toLowerCase(), k -> new ArrayList<>()).add(headers[i + 1]);
    }
    if (body != null) {
      map.putIfAbsent("content-type", List.of("application/json"));
    }
    return new HttpRequest(
        "POST",
        path,
        path,
        null,
        map,
        body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8),
        new InetSocketAddress(address(from), 40000));
  }

  static InetAddress address(String text) {
    try {
      return InetAddress.getByName(text);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static String bearer() {
    return "Bearer " + KEY.text();
  }

  private static JsonNode json(HttpResponse response) throws Exception {
    return JSON.readTree(new String(response.body(), StandardCharsets.UTF_8));
  }

  @Test
  void theRightKeyHasTheWallApplyTheCommandAndAnswersItsOutcome() throws Exception {
    HttpResponse response =
        api.handle(
            post("/api/v1/goto", "127.0.0.1", "{\"args\": [\"3\"]}", "Authorization", bearer()));
    assertEquals(200, response.status());
    JsonNode body = json(response);
    assertEquals("goto 3", body.get("command").asText());
    assertTrue(body.get("applied").asBoolean());
    assertEquals("goto 3: applied at loop 2, 3.000 s", body.get("message").asText());
    assertEquals(List.of("goto 3 <- http"), wall.applied);
    assertTrue(
        log.toString().contains("wall: http from 127.0.0.1:40000: goto 3: applied"),
        log.toString());
    // Numbers as numbers, and no body at all for a command without arguments.
    assertEquals(
        200,
        api.handle(post("/api/v1/loops", "127.0.0.1", "{\"args\": [5]}", "Authorization", bearer()))
            .status());
    assertEquals(
        200,
        api.handle(post("/api/v1/pause", "127.0.0.1", null, "Authorization", bearer())).status());
    assertEquals(List.of("goto 3 <- http", "loops 5 <- http", "pause <- http"), wall.applied);
  }

  @Test
  void aWallThatRefusesGets409WithItsReason() throws Exception {
    ControlApi closed =
        new ControlApi(
            KEY,
            new FakeWall(true),
            throttle,
            ControlTally.NONE,
            new PrintWriter(new StringWriter()));
    HttpResponse response =
        closed.handle(post("/api/v1/pause", "127.0.0.1", null, "Authorization", bearer()));
    assertEquals(409, response.status());
    assertEquals("pause: refused: the wall is closed", json(response).get("message").asText());
  }

  @Test
  void noKeyOrAWrongKeyGets401AndTheWallHearsNothing() throws Exception {
    HttpResponse none = api.handle(post("/api/v1/pause", "127.0.0.1", null));
    assertEquals(401, none.status());
    assertEquals("Bearer realm=\"wall\"", none.headers().get("WWW-Authenticate"));
    assertEquals(
        401,
        api.handle(
                post(
                    "/api/v1/pause",
                    "127.0.0.1",
                    null,
                    "Authorization",
                    "Bearer " + KEY.text().substring(1) + "x"))
            .status());
    assertEquals(
        401,
        api.handle(post("/api/v1/pause", "127.0.0.1", null, "Authorization", "Basic " + KEY.text()))
            .status());
    assertEquals(
        401,
        api.handle(
                post(
                    "/api/v1/pause",
                    "127.0.0.1",
                    null,
                    "Authorization",
                    bearer(),
                    "Authorization",
                    bearer()))
            .status(),
        "two Authorization headers");
    assertEquals(List.of(), wall.applied);
    assertEquals(List.of("http key", "http key", "http key", "http key"), tallied);
  }

  @Test
  void repeatedFailuresFromOneAddressGet429AtOnceForLongerEachTime() throws Exception {
    for (int i = 0; i < 4; i++) {
      assertEquals(401, api.handle(post("/api/v1/pause", "192.168.1.9", null)).status());
    }
    assertEquals(401, api.handle(post("/api/v1/pause", "192.168.1.9", null)).status()); // 5th
    HttpResponse blocked =
        api.handle(post("/api/v1/pause", "192.168.1.9", null, "Authorization", bearer()));
    assertEquals(429, blocked.status(), "even the right key waits");
    assertEquals("1", blocked.headers().get("Retry-After"));
    assertTrue(log.toString().contains("192.168.1.9: too many wrong keys"), log.toString());
    // Another address is not held up.
    assertEquals(
        200,
        api.handle(post("/api/v1/pause", "192.168.1.10", null, "Authorization", bearer()))
            .status());
    now.addAndGet(Duration.ofSeconds(2).toNanos());
    assertEquals(401, api.handle(post("/api/v1/pause", "192.168.1.9", null)).status()); // 6th
    assertEquals(
        "2", api.handle(post("/api/v1/pause", "192.168.1.9", null)).headers().get("Retry-After"));
    now.addAndGet(Duration.ofSeconds(3).toNanos());
    assertEquals(
        200,
        api.handle(post("/api/v1/pause", "192.168.1.9", null, "Authorization", bearer())).status(),
        "once it waited, the right key is heard, and the count starts afresh");
    assertEquals(0, throttle.waitSeconds(address("192.168.1.9")));
  }

  @Test
  void theThrottlesTableIsBounded() {
    FailureThrottle small =
        new FailureThrottle(
            1024,
            5,
            Duration.ofSeconds(1),
            Duration.ofMinutes(5),
            Duration.ofMinutes(15),
            now::get);
    for (int i = 0; i < 5000; i++) {
      small.failed(address("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255)));
    }
    assertEquals(1024, small.size());
    // IPv6 counts by /64: one machine cannot dodge the count with its many addresses.
    for (int i = 0; i < 6; i++) {
      small.failed(address("fd00::1:" + Integer.toHexString(i)));
    }
    assertTrue(small.waitSeconds(address("fd00::99")) > 0);
  }

  @Test
  void aBrowsersRequestFromAnotherSiteGets403() throws Exception {
    for (String[] headers :
        List.of(
            new String[] {"Origin", "https://evil.example"},
            new String[] {"Origin", "null"},
            new String[] {"Origin", "http://127.0.0.1:8081"},
            new String[] {"Sec-Fetch-Site", "cross-site"},
            new String[] {"Origin", "http://127.0.0.1:8080", "Origin", "http://127.0.0.1:8080"})) {
      List<String> all = new ArrayList<>(List.of(headers));
      all.addAll(List.of("Authorization", bearer()));
      assertEquals(
          403,
          api.handle(post("/api/v1/blank", "127.0.0.1", null, all.toArray(String[]::new))).status(),
          String.join(" ", headers));
    }
    assertEquals(List.of(), wall.applied);
    assertEquals(
        200,
        api.handle(
                post(
                    "/api/v1/blank",
                    "127.0.0.1",
                    null,
                    "Origin",
                    "http://127.0.0.1:8080",
                    "Sec-Fetch-Site",
                    "same-origin",
                    "Authorization",
                    bearer()))
            .status(),
        "the page's own origin");
  }

  @Test
  void whatCannotBeReadIsRefusedAfterTheKey() throws Exception {
    assertEquals(401, api.handle(post("/api/v1/explode", "127.0.0.1", null)).status());
    assertEquals(
        400,
        api.handle(post("/api/v1/explode", "127.0.0.1", null, "Authorization", bearer())).status());
    assertEquals(404, api.handle(post("/api/v1/", "127.0.0.1", null)).status());
    assertEquals(404, api.handle(post("/api/v1/pause/../x", "127.0.0.1", null)).status());
    assertEquals(
        401,
        api.handle(post("/api/v1/goto", "127.0.0.1", "{\"args\": [\"x\"]}")).status(),
        "the key comes first: a stranger learns nothing of the arguments");
    for (String body :
        List.of(
            "{\"args\": [\"x\"]}",
            "not json",
            "[1]",
            "{\"arg\": [1]}",
            "{\"args\": \"3\"}",
            "{\"args\": [1.5]}",
            "{\"args\": [\"a\\u001b[2J\"]}",
            "{\"args\": [1,2,3,4,5,6,7,8,9]}")) {
      HttpResponse response =
          api.handle(post("/api/v1/goto", "127.0.0.1", body, "Authorization", bearer()));
      assertEquals(400, response.status(), body);
      assertTrue(!new String(response.body(), StandardCharsets.UTF_8).contains("\u001b"), body);
    }
    assertEquals(
        415,
        api.handle(
                post(
                    "/api/v1/goto",
                    "127.0.0.1",
                    "goto=3",
                    "Authorization",
                    bearer(),
                    "Content-Type",
                    "application/x-www-form-urlencoded"))
            .status());
    assertEquals(List.of(), wall.applied);
  }
}
