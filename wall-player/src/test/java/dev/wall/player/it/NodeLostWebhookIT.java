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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real 4-rank wall (mpirun, four rank JVMs, four mpv under Xvfb) loses a rank that is not the
 * root: its JVM is killed. A local webhook receiver gets a signed {@code node-lost} event naming
 * the host and the screen, after every earlier event (a loop started, two commands applied) and
 * none missing, and the {@code node-lost} alert, both before {@code wall play} exits with 3, though
 * the receiver takes 200 ms to answer.
 */
class NodeLostWebhookIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Rect> WINDOWS = new LinkedHashMap<>();

  static {
    WINDOWS.put("a", new Rect(0, 0, 320, 180));
    WINDOWS.put("b", new Rect(320, 0, 320, 180));
    WINDOWS.put("c", new Rect(0, 180, 320, 180));
    WINDOWS.put("d", new Rect(320, 180, 320, 180));
  }

  @TempDir Path dir;
  private WallProcess wall;
  private WebhookReceiver receiver;

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
  void aLostRankIsToldSignedAndInOrderBeforeTheWallExitsWith3() throws Exception {
    Tools.require(Tools.available("mpirun", "mpv"), "a real wall needs mpirun and mpv");
    String display = TestDisplay.shared().display();
    Path keyFile = dir.resolve("control.key");
    Cli made = Cli.run("ctl", "--new-key", "--key-file", keyFile.toString());
    assertEquals(0, made.code(), made.err());
    ControlKey key = ControlKey.read(keyFile);
    // A target that takes 200 ms to answer, as one across the internet might: the wall's last
    // event and alert must still reach it before the wall exits.
    receiver = WebhookReceiver.start(Duration.ofMillis(200), "/events", "/alerts");

    // Many loops, not for ever: a supervised wall would start again after a lost rank.
    Path layout = TestWall.write(dir, 1000, 4, WINDOWS);
    ObjectNode json = (ObjectNode) JSON.readTree(layout.toFile());
    ObjectNode control = json.putObject("control");
    control.put("keyFile", keyFile.toString());
    control.putArray("webhooks").add(receiver.url("/events"));
    json.putObject("alerts").putArray("webhooks").add(receiver.url("/alerts"));
    Files.writeString(layout, json.toString());

    wall =
        WallProcess.play(
            dir.resolve("wall.log"),
            layout.toString(),
            "--display",
            display,
            "--run-dir",
            dir.resolve("run").toString());
    wall.awaitReleased(Duration.ofSeconds(60));
    Poll.until(
        Duration.ofSeconds(10),
        "the loop-started event",
        () -> events().stream().anyMatch(e -> e.path("event").asText().equals("loop-started")));

    // Earlier events of another kind: two commands, by wall ctl.
    for (String command : List.of("pause", "resume")) {
      Cli applied = Cli.run("ctl", command, "--run-dir", dir.resolve("run").toString());
      assertEquals(0, applied.code(), applied.out() + applied.err());
    }

    // Screen c's rank (rank 2, not the root): the JVM whose child is c's mpv.
    ProcessHandle player =
        Poll.until(Duration.ofSeconds(10), "screen c's mpv", () -> wall.playerOf("c").orElse(null));
    ProcessHandle rank = player.parent().orElseThrow();
    String rankLine = rank.info().commandLine().orElse("");
    assertTrue(rankLine.contains("dev.wall.player.rank.RankMain"), rankLine);
    int before = receiver.at("/events").size();
    long killed = System.nanoTime();
    assertTrue(rank.destroyForcibly(), "SIGKILL sent to rank 2's JVM, pid " + rank.pid());

    int code = wall.awaitExit(Duration.ofSeconds(20));
    double exitedAfter = (System.nanoTime() - killed) / 1e9;
    System.out.printf(
        "wall play exited with %d, %.1f s after rank 2 was killed%n", code, exitedAfter);
    assertEquals(3, code, wall.log());

    // The wall is gone: whatever it told the receiver has come by now, or never will.
    List<WebhookReceiver.Delivery> told = receiver.at("/events");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < told.size(); i++) {
      WebhookReceiver.Delivery delivery = told.get(i);
      assertTrue(delivery.signedWith(key), "event " + (i + 1) + " signed with the control key");
      JsonNode event = delivery.json();
      assertEquals(i + 1, event.path("sequence").asInt(), "in order, none missing: " + names);
      names.add(event.path("event").asText());
    }
    System.out.println("events told: " + names);
    assertTrue(told.size() > before, "events after the kill: " + names + "\n" + wall.log());
    assertEquals("loop-started", names.get(0), names.toString());
    assertEquals("node-lost", names.get(names.size() - 1), "the last event: " + names);
    List<String> commands =
        told.stream()
            .map(d -> d.json())
            .filter(e -> e.path("event").asText().equals("command-applied"))
            .map(e -> e.path("facts").path("command").asText())
            .toList();
    assertEquals(List.of("pause", "resume"), commands, names.toString());
    assertEquals(1, names.stream().filter("node-lost"::equals).count(), names.toString());
    JsonNode lost = told.get(told.size() - 1).json().path("facts");
    assertEquals("localhost", lost.path("hosts").asText(), lost.toString());
    assertEquals("c", lost.path("screens").asText(), lost.toString());
    assertTrue(lost.path("cause").asText().contains("screen c"), lost.toString());
    assertTrue(lost.path("cause").asText().contains("rank 2"), lost.toString());

    List<WebhookReceiver.Delivery> alerts = receiver.at("/alerts");
    assertEquals(
        1, alerts.size(), "one alert: " + alerts.stream().map(a -> a.json()).toList() + wall.log());
    assertTrue(alerts.get(0).signedWith(key), "the alert signed with the control key");
    JsonNode alert = alerts.get(0).json();
    assertEquals("node-lost", alert.path("alert").asText(), alert.toString());
    assertEquals("raised", alert.path("state").asText(), alert.toString());
    assertEquals("localhost", alert.path("subject").asText(), alert.toString());
  }

  private List<JsonNode> events() {
    return receiver.at("/events").stream().map(WebhookReceiver.Delivery::json).toList();
  }
}
