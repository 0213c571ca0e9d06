package dev.wall.player.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.wall.core.layout.Rect;
import dev.wall.core.testing.Tools;
import dev.wall.player.control.ControlKey;
import dev.wall.player.control.osc.OscMessage;
import dev.wall.player.display.VirtualDisplay;
import dev.wall.player.playertest.Frames;
import dev.wall.player.testing.Cli;
import dev.wall.player.testing.ClipCache;
import dev.wall.player.testing.Poll;
import dev.wall.player.testing.Quiet;
import dev.wall.player.testing.TestDisplay;
import dev.wall.player.testing.TestWall;
import dev.wall.player.testing.WallProcess;
import java.awt.image.BufferedImage;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Show control on a playing 4-screen wall under Xvfb, through its three ways in: {@code wall ctl}
 * on the run folder's socket, a real HTTP client, and a real OSC client ({@code oscsend}). Each
 * command is judged from pixels: every screen's bar-coded frame number (held, moving, back at the
 * start) or black. Each refused request (no key, a wrong key, a source outside the allow-list, an
 * OSC message without the key) leaves the wall as it was. {@code /metrics} passes {@code promtool
 * check metrics}, and a local webhook receiver checks every event's HMAC and their order.
 */
@Quiet
class ShowControlIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Rect> WINDOWS = new LinkedHashMap<>();

  /** Bezel between the screens' regions of the wall, in the span's pixels. */
  private static final int GAP = 20;

  static {
    WINDOWS.put("a", new Rect(0, 0, 320, 180));
    WINDOWS.put("b", new Rect(320, 0, 320, 180));
    WINDOWS.put("c", new Rect(0, 180, 320, 180));
    WINDOWS.put("d", new Rect(320, 180, 320, 180));
  }

  @TempDir Path dir;
  private WallProcess wall;
  private HttpServer receiver;
  private VirtualDisplay display;
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void tearDown() throws Exception {
    if (wall != null) {
      wall.close();
    }
    if (receiver != null) {
      receiver.stop(0);
    }
  }

  @Test
  void everyScreenObeysEachWayInAndRefusedRequestsChangeNothing() throws Exception {
    Tools.require(
        Tools.available("oscsend", "promtool", "mpirun", "mpv"),
        "show control's test needs oscsend (liblo-tools), promtool (prometheus), mpirun and mpv");
    display = TestDisplay.shared();
    Path keyFile = dir.resolve("control.key");
    Cli made = Cli.run("ctl", "--new-key", "--key-file", keyFile.toString());
    assertEquals(0, made.code(), made.err());
    List<String> lines = made.out().strip().lines().toList();
    String key = lines.get(lines.size() - 1).strip();
    assertTrue(ControlKey.read(keyFile).matches(key), "the key printed last is the one kept");

    List<byte[]> bodies = new CopyOnWriteArrayList<>();
    List<String> signatures = new CopyOnWriteArrayList<>();
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          bodies.add(body);
          signatures.add(exchange.getRequestHeaders().getFirst("X-Wall-Signature"));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();

    Path layout = TestWall.write(dir, 0, 8, WINDOWS);
    ObjectNode json = (ObjectNode) JSON.readTree(layout.toFile());
    ObjectNode control = json.putObject("control");
    control.put("keyFile", keyFile.toString());
    control
        .putArray("webhooks")
        .add("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    // Each screen's region of the wall, bezels between them, for a clip triggered as a span.
    json.putObject("wall").put("width", 2 * 320 + GAP).put("height", 2 * 180 + GAP);
    int index = 0;
    for (JsonNode screen : json.path("screens")) {
      ((ObjectNode) screen)
          .putObject("region")
          .put("x", index % 2 * (320 + GAP))
          .put("y", index / 2 * (180 + GAP))
          .put("width", 320)
          .put("height", 180);
      index++;
    }
    Files.writeString(layout, json.toString());
    int statusPort = freeTcpPort();
    int oscPort = freeUdpPort();
    Path runDir = dir.resolve("run");
    wall =
        WallProcess.play(
            dir.resolve("wall.log"),
            layout.toString(),
            "--display",
            display.display(),
            "--run-dir",
            runDir.toString(),
            "--status-port",
            String.valueOf(statusPort),
            "--control",
            "--osc-port",
            String.valueOf(oscPort),
            "--osc-allow",
            "127.0.0.1/32");
    wall.awaitReleased(Duration.ofSeconds(90));
    Poll.until(
        Duration.ofSeconds(10),
        "every screen showing its clip",
        () -> Arrays.stream(frames()).min().getAsInt() >= 0);
    awaitMoving("the wall plays");

    // pause, over HTTP: every screen holds one frame, the same one.
    assertEquals(200, post("pause", key).statusCode(), log());
    int[] held = frames();
    assertTogether(held, "paused");
    Poll.holds(
        Duration.ofSeconds(1),
        () -> {
          assertEquals(Arrays.toString(held), Arrays.toString(frames()), "held");
          return null;
        });
    Poll.until(
        Duration.ofSeconds(5),
        "wall status to say paused",
        () -> Cli.run("status", "--run-dir", runDir.toString()).out().contains("; paused"));

    // Refused over HTTP: no key, a wrong key. The wall stays paused where it was.
    HttpResponse<String> noKey = post("pause", null);
    HttpResponse<String> wrongKey = post("resume", "x".repeat(43));
    assertEquals(401, noKey.statusCode(), noKey.body());
    assertEquals(401, wrongKey.statusCode(), wrongKey.body());
    // Refused over OSC: no key, a wrong key (a replay without the key), and a source outside
    // the allow-list with the right key.
    oscsend(oscPort, "/wall/resume");
    oscsend(oscPort, "/wall/resume", "s", "not-the-key");
    try (DatagramChannel outside = DatagramChannel.open()) {
      outside.bind(new InetSocketAddress("127.0.0.2", 0));
      outside.send(
          ByteBuffer.wrap(new OscMessage("/wall/resume", List.of(key)).bytes()),
          new InetSocketAddress("127.0.0.1", oscPort));
    }
    String metrics =
        Poll.until(
            Duration.ofSeconds(5),
            "the refused OSC messages counted",
            () -> {
              String now = get("/metrics");
              return now.contains("reason=\"source\"") && now.contains("reason=\"key\"")
                  ? now
                  : null;
            });
    Poll.holds(
        Duration.ofSeconds(1),
        () -> {
          assertEquals(
              Arrays.toString(held),
              Arrays.toString(frames()),
              "still held after refused requests");
          return null;
        });
    assertRefusedCounted(metrics, "http", "key", 2);
    assertRefusedCounted(metrics, "osc", "key", 2);
    assertRefusedCounted(metrics, "osc", "source", 1);

    // resume, over OSC with the key: every screen plays on, together.
    oscsend(oscPort, "/wall/resume", "s", key);
    awaitMoving("resumed over OSC");
    assertTogether(frames(), "resumed");

    // goto 1, by wall ctl: every screen back near the start of the item, together.
    Poll.until(
        Duration.ofSeconds(10),
        "the clip past its first second",
        () -> Arrays.stream(frames()).min().getAsInt() > 40);
    Cli went = Cli.run("ctl", "goto", "1", "--run-dir", runDir.toString());
    assertEquals(0, went.code(), went.out() + went.err());
    int[] after = frames();
    assertTrue(
        Arrays.stream(after).max().getAsInt() < 30, "back at the start: " + Arrays.toString(after));
    assertTogether(after, "after goto");

    // trigger over HTTP: every screen shows the triggered clip (numbered from 3000) on the same
    // frame, then goes back to where the loop was, together; the wall process never restarted.
    ClipCache.copy(ClipCache.barCoded("trigger", 320, 180, 2, 30, 200, 3000), dir, "t.mp4");
    Poll.until(
        Duration.ofSeconds(10),
        "the clip past its first second again",
        () -> Arrays.stream(frames()).min().getAsInt() > 40);
    long pid = wall.process().pid();
    int[] before = frames();
    HttpResponse<String> triggered = post("trigger", key, "{\"args\": [\"t.mp4\"]}");
    assertEquals(200, triggered.statusCode(), triggered.body());
    assertTrue(triggered.body().contains("every screen (4) plays t.mp4"), triggered.body());
    int[] during =
        Poll.until(
            Duration.ofSeconds(2),
            "every screen showing the triggered clip",
            () -> {
              int[] now = frames();
              return Arrays.stream(now).allMatch(f -> f >= 3000) ? now : null;
            });
    assertTogether(during, "the triggered clip");
    int[] back =
        Poll.until(
            Duration.ofSeconds(6),
            "every screen back in the loop",
            () -> {
              int[] now = frames();
              return Arrays.stream(now).allMatch(f -> f >= 0 && f < 3000) ? now : null;
            });
    assertTogether(back, "back from the triggered clip");
    assertTrue(
        Arrays.stream(back).min().getAsInt() >= Arrays.stream(before).min().getAsInt(),
        "back where the loop was ("
            + Arrays.toString(before)
            + "), not at its start: "
            + Arrays.toString(back));
    awaitMoving("back from the triggered clip");

    // trigger as a span, over OSC: each screen shows its own region of the clip, bezels cut out.
    String span =
        ClipCache.copy(ClipCache.tiledSpan(2, 2, 320, 180, GAP, 2, 30, 3000), dir, "t-span.mp4")
            .getFileName()
            .toString();
    oscsend(oscPort, "/wall/trigger", "sss", key, span, "span");
    BufferedImage spanShown =
        untilOrLog(
            Duration.ofSeconds(3),
            "every screen showing its tile of the span",
            () -> {
              BufferedImage image =
                  Frames.grab(display.display(), TestDisplay.WIDTH, TestDisplay.HEIGHT, dir);
              return WINDOWS.values().stream().allMatch(w -> Frames.frameNumber(image, w) >= 3000)
                  ? image
                  : null;
            });
    assertTogether(
        WINDOWS.values().stream().mapToInt(w -> Frames.frameNumber(spanShown, w)).toArray(),
        "the span");
    for (Map.Entry<String, Rect> screen : WINDOWS.entrySet()) {
      String bezel = Frames.bezelProblem(spanShown, screen.getValue());
      assertTrue(bezel == null, screen.getKey() + " in the span: " + bezel);
    }
    Poll.until(
        Duration.ofSeconds(6),
        "every screen back in the loop after the span",
        () -> Arrays.stream(frames()).allMatch(f -> f >= 0 && f < 3000));
    awaitMoving("back from the span");
    assertEquals(pid, wall.process().pid());
    assertTrue(wall.process().isAlive(), "the wall process never restarted");

    // blank over HTTP: black, not a held frame; unblank by wall ctl: the picture again, moving.
    assertEquals(200, post("blank", key).statusCode());
    // Drawn at the players' next redraw, within a frame or two of the answer (the bench times it).
    Poll.until(
        Duration.ofSeconds(1),
        "every screen black",
        () -> {
          BufferedImage black =
              Frames.grab(display.display(), TestDisplay.WIDTH, TestDisplay.HEIGHT, dir);
          return WINDOWS.values().stream().allMatch(w -> Frames.meanLuma(black, w) < 8);
        });
    Poll.holds(
        Duration.ofMillis(500),
        () -> {
          BufferedImage black =
              Frames.grab(display.display(), TestDisplay.WIDTH, TestDisplay.HEIGHT, dir);
          for (Map.Entry<String, Rect> screen : WINDOWS.entrySet()) {
            assertTrue(
                Frames.meanLuma(black, screen.getValue()) < 8, screen.getKey() + " stays black");
          }
          return null;
        });
    Poll.until(
        Duration.ofSeconds(5),
        "wall status to say blanked",
        () -> Cli.run("status", "--run-dir", runDir.toString()).out().contains("; blanked"));
    Cli unblanked = Cli.run("ctl", "unblank", "--run-dir", runDir.toString());
    assertEquals(0, unblanked.code(), unblanked.out() + unblanked.err());
    awaitMoving("unblanked");

    // power off and on: every display, by the display power job; each display's answer named.
    for (String state : List.of("off", "on")) {
      Cli power = Cli.run("ctl", "power", state, "--run-dir", runDir.toString());
      assertEquals(0, power.code(), power.out() + power.err());
      assertTrue(power.out().contains(" on localhost: "), power.out());
    }
    awaitMoving("after power off and on, the show went on");

    // A command the wall cannot take is refused, saying why; wall ctl exits 1.
    Cli refused = Cli.run("ctl", "goto", "7", "--run-dir", runDir.toString());
    assertEquals(1, refused.code(), refused.out());
    assertTrue(refused.out().contains("1 item"), refused.out());

    // /metrics in the Prometheus text format, as promtool reads it.
    Process promtool =
        new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
    promtool.getOutputStream().write(get("/metrics").getBytes(StandardCharsets.UTF_8));
    promtool.getOutputStream().close();
    String checked = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(promtool.waitFor(20, TimeUnit.SECONDS));
    assertEquals(0, promtool.exitValue(), checked);

    // Every accepted command is logged with its source.
    String said = log();
    assertTrue(said.matches("(?s).*http from 127\\.0\\.0\\.1:\\d+: pause: applied.*"), said);
    assertTrue(said.matches("(?s).*osc from 127\\.0\\.0\\.1:\\d+: resume: applied.*"), said);
    assertTrue(said.contains("ctl from user "), said);

    said.lines()
        .filter(l -> l.matches("wall: (http|osc|ctl) from .*"))
        .forEach(System.out::println);
    System.out.println(
        "refused over HTTP: " + noKey.body().strip() + " / " + wrongKey.body().strip());

    // The webhook: each event signed with HMAC-SHA256 of its body, the commands in order.
    ControlKey signer = ControlKey.read(keyFile);
    List<String> applied =
        Poll.until(
            Duration.ofSeconds(10),
            "the command-applied events",
            () -> {
              List<String> commands = new ArrayList<>();
              for (int i = 0; i < bodies.size(); i++) {
                assertEquals(
                    "sha256=" + signer.sign(bodies.get(i)), signatures.get(i), "signature");
                JsonNode event = JSON.readTree(bodies.get(i));
                if (event.path("event").asText().equals("command-applied")) {
                  commands.add(event.path("facts").path("command").asText());
                }
              }
              return commands.size() >= 9 ? commands : null;
            });
    assertEquals(
        List.of(
            "pause",
            "resume",
            "goto 1",
            "trigger t.mp4 every resume",
            "trigger " + span + " span resume",
            "blank",
            "unblank",
            "power off",
            "power on"),
        applied);

    // A player killed: the webhook hears screen-recovering, then screen-back, for that screen.
    ProcessHandle player =
        wall.playerOf("a").orElseThrow(() -> new AssertionError("no mpv of screen a"));
    int heard = bodies.size();
    player.destroyForcibly();
    List<String> told =
        Poll.until(
            Duration.ofSeconds(30),
            "screen a recovering, then back, told",
            () -> {
              List<String> events = new ArrayList<>();
              for (int i = heard; i < bodies.size(); i++) {
                assertEquals(
                    "sha256=" + signer.sign(bodies.get(i)), signatures.get(i), "signature");
                JsonNode event = JSON.readTree(bodies.get(i));
                if (event.path("facts").path("screen").asText().equals("a")) {
                  events.add(event.path("event").asText());
                }
              }
              return events.contains("screen-back") ? events : null;
            });
    assertEquals(List.of("screen-recovering", "screen-back"), told);
  }

  private void awaitMoving(String what) throws Exception {
    int[] first = frames();
    Poll.until(
        Duration.ofSeconds(5),
        what + ": every screen moving",
        () -> {
          int[] now = frames();
          for (int i = 0; i < now.length; i++) {
            if (now[i] < 0 || now[i] == first[i]) {
              return false;
            }
          }
          return true;
        });
  }

  /** Every screen on the same frame, one apart at most (a grab can fall on a flip). */
  private static void assertTogether(int[] frames, String when) {
    int min = Arrays.stream(frames).min().getAsInt();
    int max = Arrays.stream(frames).max().getAsInt();
    assertTrue(
        min >= 0 && max - min <= 1,
        when + ": every screen on the same frame: " + Arrays.toString(frames));
  }

  private static void assertRefusedCounted(String metrics, String way, String reason, int atLeast) {
    Matcher m =
        Pattern.compile(
                "wall_commands_total\\{[^}]*way=\""
                    + way
                    + "\"[^}]*reason=\""
                    + reason
                    + "\"[^}]*\\} ([0-9.]+)|wall_commands_total\\{[^}]*reason=\""
                    + reason
                    + "\"[^}]*way=\""
                    + way
                    + "\"[^}]*\\} ([0-9.]+)")
            .matcher(metrics);
    double count = 0;
    while (m.find()) {
      count += Double.parseDouble(m.group(1) != null ? m.group(1) : m.group(2));
    }
    assertTrue(count >= atLeast, way + " refused for " + reason + ": " + count + "\n" + metrics);
  }

  private int[] frames() throws Exception {
    BufferedImage image =
        Frames.grab(display.display(), TestDisplay.WIDTH, TestDisplay.HEIGHT, dir);
    return WINDOWS.values().stream().mapToInt(w -> Frames.frameNumber(image, w)).toArray();
  }

  /** {@link Poll#until}, and on a timeout the wall's log with it. */
  private <T> T untilOrLog(Duration within, String what, java.util.concurrent.Callable<T> check)
      throws Exception {
    try {
      return Poll.until(within, what, check);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; the wall's log:\n" + log(), e);
    }
  }

  private HttpResponse<String> post(String verb, String key) throws Exception {
    return post(verb, key, null);
  }

  /** POSTs {@code verb}, with {@code body} (JSON) when not null. */
  private HttpResponse<String> post(String verb, String key, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base() + "/api/v1/" + verb))
            .timeout(Duration.ofSeconds(15))
            .POST(
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String get(String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(base() + path))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private String base() throws Exception {
    Matcher m = Pattern.compile("status page at (http://\\S+?)/?\\s").matcher(log());
    if (!m.find()) {
      throw new AssertionError("no status page in the log: " + log());
    }
    return m.group(1);
  }

  private static void oscsend(int port, String address, String... args) throws Exception {
    List<String> argv =
        new ArrayList<>(List.of("oscsend", "127.0.0.1", String.valueOf(port), address));
    argv.addAll(List.of(args));
    Process send = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String said = new String(send.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(send.waitFor(10, TimeUnit.SECONDS), "oscsend ended");
    assertEquals(0, send.exitValue(), said);
  }

  private String log() throws Exception {
    return wall.log();
  }

  private static int freeTcpPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static int freeUdpPort() throws Exception {
    try (DatagramSocket socket = new DatagramSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
