package dev.wall.player.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wall.core.layout.Rect;
import dev.wall.core.testing.Tools;
import dev.wall.player.control.ControlKey;
import dev.wall.player.testing.Cli;
import dev.wall.player.testing.Poll;
import dev.wall.player.testing.TestDisplay;
import dev.wall.player.testing.TestWall;
import dev.wall.player.testing.WallProcess;
import dev.wall.player.testing.WebhookReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts that know the schedule, on a real wall (mpirun, a rank JVM and an mpv per screen, under
 * Xvfb) rehearsing its opening hours with {@code --pretend-now}, its alerts and events posted to a
 * local webhook receiver, each checked against its HMAC signature.
 *
 * <p>The fault: screen b's clip becomes unplayable (garbage in its place, as a share that served a
 * broken copy), so every new player of b fails at once and the screen is given up after five. Open,
 * that raises one alert, however many times the screen is tried again at a seam, and one "resolved"
 * when the clip is back and the screen plays at the next seam. Closed, the wall plays nothing, so
 * nothing can fail but the wall's playing itself: it is not playing, for more than the {@code
 * notPlayingSeconds} that would raise an alert while open, and nothing is raised; the broken clip
 * raises its alert only once the schedule opens the wall.
 */
class AlertsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Rect> WINDOWS = new LinkedHashMap<>();

  static {
    WINDOWS.put("a", new Rect(0, 0, 320, 180));
    WINDOWS.put("b", new Rect(320, 0, 320, 180));
  }

  /** Open Mondays from 09:00 to 17:00, UTC; the wall starts at the opening (no wake ahead). */
  private static final String SCHEDULE =
      "{\"timezone\": \"UTC\", \"wakeSeconds\": 0, \"displayPower\": \"x11\","
          + " \"open\": [{\"days\": \"Mon\", \"from\": \"09:00\", \"to\": \"17:00\"}]}";

  @TempDir Path dir;
  private WallProcess wall;
  private WebhookReceiver receiver;
  private ControlKey key;
  private String display;

  @BeforeEach
  void setUp() throws Exception {
    Tools.require(Tools.available("mpirun", "mpv"), "a real wall needs mpirun and mpv");
    display = TestDisplay.shared().display();
    Path keyFile = dir.resolve("control.key");
    Cli made = Cli.run("ctl", "--new-key", "--key-file", keyFile.toString());
    assertEquals(0, made.code(), made.err());
    key = ControlKey.read(keyFile);
    receiver = WebhookReceiver.start("/events", "/alerts");
  }

  @AfterEach
  void tearDown() throws Exception {
    if (wall != null) {
      wall.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void aScreenGivenUpWhileOpenRaisesOneAlertAndOneResolvedWhenItPlaysAgain() throws Exception {
    // Monday 12:00: open.
    play("2026-03-30T12:00:00", null);
    wall.awaitReleased(Duration.ofSeconds(60));
    Poll.until(Duration.ofSeconds(10), "schedule-on, then a loop", () -> told("loop-started"));
    assertTrue(told("schedule-on"), names().toString());

    Path good = spoil("b");
    ProcessHandle player =
        Poll.until(Duration.ofSeconds(10), "screen b's mpv", () -> wall.playerOf("b").orElse(null));
    long killed = System.nanoTime();
    assertTrue(player.destroyForcibly(), "SIGKILL sent to b's mpv, pid " + player.pid());
    JsonNode raised =
        Poll.until(
            Duration.ofSeconds(30),
            "the alert for screen b",
            () -> alerts().isEmpty() ? null : alerts().get(0));
    System.out.printf(
        "screen b given up and its alert posted %.1f s after its player was killed%n",
        (System.nanoTime() - killed) / 1e9);
    assertEquals("screen-given-up", raised.path("alert").asText(), raised.toString());
    assertEquals("b", raised.path("subject").asText(), raised.toString());
    assertEquals("raised", raised.path("state").asText(), raised.toString());
    assertEquals("localhost", raised.path("facts").path("host").asText(), raised.toString());

    // Given up, it is tried again at each seam, fails, and is given up again: still one alert.
    int triedBefore = restartsOf("b");
    int loopsBefore = count("loop-started");
    Poll.until(Duration.ofSeconds(10), "the next seam", () -> count("loop-started") > loopsBefore);
    Poll.holds(
        Duration.ofSeconds(4),
        () -> {
          assertEquals(1, alerts().size(), "one alert while given up: " + alerts());
          return null;
        });
    assertTrue(restartsOf("b") > triedBefore, "b was tried again at the seam");
    assertEquals("GIVEN_UP", stateOf("b"), "and given up again");

    // The clip back: at the next seam b plays again, and the alert is resolved, once.
    Files.move(
        good,
        dir.resolve("b.mp4"),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    long restored = System.nanoTime();
    JsonNode resolved =
        Poll.until(
            Duration.ofSeconds(20),
            "the alert resolved",
            () -> alerts().size() > 1 ? alerts().get(1) : null);
    System.out.printf(
        "screen b back and its alert resolved %.1f s after its clip was%n",
        (System.nanoTime() - restored) / 1e9);
    assertEquals("screen-given-up", resolved.path("alert").asText(), resolved.toString());
    assertEquals("b", resolved.path("subject").asText(), resolved.toString());
    assertEquals("resolved", resolved.path("state").asText(), resolved.toString());
    int loopsAfter = count("loop-started");
    Poll.until(Duration.ofSeconds(10), "another seam", () -> count("loop-started") > loopsAfter);
    assertEquals(2, alerts().size(), "one alert and one resolved: " + alerts());
    assertTrue(wall.playerOf("b").isPresent(), "b plays again");
    List<String> aboutB = new ArrayList<>();
    for (JsonNode event : events()) {
      if (event.path("facts").path("screen").asText().equals("b")) {
        aboutB.add(event.path("event").asText());
      }
    }
    assertTrue(
        aboutB.indexOf("screen-given-up") >= 0
            && aboutB.lastIndexOf("screen-back") > aboutB.indexOf("screen-given-up"),
        "screen b's events: " + aboutB);
  }

  @Test
  void theSameFaultWhileClosedRaisesNothingUntilTheScheduleOpensTheWall() throws Exception {
    // Monday 08:59:40: closed for 20 s, then open. An alert if the wall does not play for 5 s
    // while open.
    play("2026-03-30T08:59:40", 5);
    Poll.until(Duration.ofSeconds(20), "schedule-off", () -> told("schedule-off"));
    long closedAt = System.nanoTime();
    spoil("b");
    Poll.until(
        Duration.ofSeconds(40),
        "schedule-on, nothing raised before",
        () -> {
          assertEquals(List.of(), alerts(), "no alert while the schedule has the wall off");
          return told("schedule-on");
        });
    double closedFor = (System.nanoTime() - closedAt) / 1e9;
    System.out.printf("closed for %.1f s with b's clip broken: no alert%n", closedFor);
    assertTrue(closedFor > 2 * 5, "closed for longer than twice notPlayingSeconds: " + closedFor);
    assertTrue(wall.log().contains("off (schedule, opens Mon 09:00): displays off"), wall.log());

    // Open now: the same fault raises its alert, once.
    JsonNode raised =
        Poll.until(
            Duration.ofSeconds(40),
            "the alert for screen b once open",
            () ->
                alerts().stream()
                    .filter(a -> a.path("alert").asText().equals("screen-given-up"))
                    .findFirst()
                    .orElse(null));
    assertEquals("b", raised.path("subject").asText(), raised.toString());
    assertEquals("raised", raised.path("state").asText(), raised.toString());
    int loopsBefore = count("loop-started");
    Poll.until(Duration.ofSeconds(10), "the next seam", () -> count("loop-started") > loopsBefore);
    List<JsonNode> givenUp =
        alerts().stream().filter(a -> a.path("alert").asText().equals("screen-given-up")).toList();
    assertEquals(1, givenUp.size(), "one alert for b: " + alerts());
    System.out.println(
        "alerts once open: "
            + alerts().stream()
                .map(a -> a.path("state").asText() + " " + a.path("alert").asText())
                .toList());
    List<WebhookReceiver.Delivery> all = receiver.all();
    int opened = -1;
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).path().equals("/events")
          && all.get(i).json().path("event").asText().equals("schedule-on")) {
        opened = i;
        break;
      }
    }
    for (int i = 0; i < opened; i++) {
      assertEquals("/events", all.get(i).path(), "nothing but events before the opening");
    }
  }

  /** Starts {@code wall play} as if its clock read {@code now}. */
  private void play(String now, Integer notPlayingSeconds) throws Exception {
    Path layout = TestWall.write(dir, 0, 3, WINDOWS);
    ObjectNode json = (ObjectNode) JSON.readTree(layout.toFile());
    json.set("schedule", JSON.readTree(SCHEDULE));
    ObjectNode control = json.putObject("control");
    control.put("keyFile", dir.resolve("control.key").toString());
    control.putArray("webhooks").add(receiver.url("/events"));
    ObjectNode alerts = json.putObject("alerts");
    alerts.putArray("webhooks").add(receiver.url("/alerts"));
    if (notPlayingSeconds != null) {
      alerts.put("notPlayingSeconds", notPlayingSeconds);
    }
    Files.writeString(layout, json.toString());
    wall =
        WallProcess.play(
            dir.resolve("wall.log"),
            layout.toString(),
            "--display",
            display,
            "--run-dir",
            dir.resolve("run").toString(),
            "--pretend-now",
            now);
  }

  /**
   * Puts garbage in place of screen {@code screen}'s clip (renamed over it, so a player that has it
   * open plays on); returns where the good clip is kept.
   */
  private Path spoil(String screen) throws Exception {
    Path clip = dir.resolve(screen + ".mp4");
    Path good = dir.resolve(screen + ".good");
    Files.copy(clip, good, StandardCopyOption.REPLACE_EXISTING);
    Path bad = dir.resolve(screen + ".bad");
    Files.writeString(bad, "not a video at all\n".repeat(100));
    Files.move(bad, clip, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return good;
  }

  /** Screen {@code screen}'s row in {@code wall status --json}. */
  private JsonNode statusOf(String screen) throws Exception {
    Cli status = Cli.run("status", "--json", "--run-dir", dir.resolve("run").toString());
    assertEquals(0, status.code(), status.out() + status.err());
    for (JsonNode row : JSON.readTree(status.out()).path("status").path("screens")) {
      if (row.path("name").asText().equals(screen)) {
        return row;
      }
    }
    throw new AssertionError("no screen " + screen + " in " + status.out());
  }

  private int restartsOf(String screen) throws Exception {
    return statusOf(screen).path("restarts").asInt();
  }

  private String stateOf(String screen) throws Exception {
    return statusOf(screen).path("state").asText();
  }

  /** Every alert so far, each checked against its signature. */
  private List<JsonNode> alerts() {
    return signed("/alerts");
  }

  private List<JsonNode> events() {
    return signed("/events");
  }

  private List<JsonNode> signed(String path) {
    List<JsonNode> bodies = new ArrayList<>();
    for (WebhookReceiver.Delivery delivery : receiver.at(path)) {
      assertTrue(delivery.signedWith(key), "signed with the control key: " + delivery.json());
      bodies.add(delivery.json());
    }
    return bodies;
  }

  private boolean told(String event) {
    return count(event) > 0;
  }

  private int count(String event) {
    return (int) events().stream().filter(e -> e.path("event").asText().equals(event)).count();
  }

  private List<String> names() {
    return events().stream().map(e -> e.path("event").asText()).toList();
  }
}
