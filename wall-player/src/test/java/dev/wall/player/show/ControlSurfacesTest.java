package dev.wall.player.show;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import dev.wall.player.control.ControlKey;
import dev.wall.player.launch.Outcome;
import dev.wall.player.testing.WebhookReceiver;
import dev.wall.player.wire.WallEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What show control tells of a run of the wall's job that ended with a rank or node lost, and that
 * it is told before the wall exits.
 */
class ControlSurfacesTest {
  private static final String LAYOUT =
      """
      {"version": 1, "mediaRoot": "/m", "screens": [
        {"name": "a", "host": "localhost", "output": 0, "media": "a.mp4"},
        {"name": "c", "host": "pi3", "media": "a.mp4"}]}
      """;

  private static List<WallEvent> told(Outcome outcome) throws Exception {
    Layout layout = new LayoutReader().read("wall.json", LAYOUT);
    List<WallEvent> events = new CopyOnWriteArrayList<>();
    try (ControlSurfaces surfaces =
        ControlSurfaces.open(
            layout,
            ControlSurfaces.Options.NONE,
            false,
            Map.of(),
            "controller",
            "test",
            new PrintWriter(new StringWriter(), true))) {
      surfaces.events().listen(events::add);
      surfaces.watch(() -> outcome).run();
    }
    return events;
  }

  @Test
  void aLostRankIsToldByTheLayoutsHostAndScreenWhateverMpirunCalledTheMachine() throws Exception {
    List<WallEvent> events =
        told(
            new Outcome.RankLost(
                "rank 0 (screen a) on vm was lost", List.of("localhost"), List.of("a")));
    assertEquals(1, events.size(), events.toString());
    assertEquals(WallEvent.Kind.NODE_LOST, events.get(0).kind());
    assertEquals(
        Map.of("hosts", "localhost", "screens", "a", "cause", "rank 0 (screen a) on vm was lost"),
        events.get(0).facts());
  }

  @Test
  void theLastEventAndAlertReachASlowTargetBeforeTheSurfacesClose(@TempDir Path dir)
      throws Exception {
    Path keyFile = dir.resolve("control.key");
    ControlKey.generate().write(keyFile);
    try (WebhookReceiver receiver =
        WebhookReceiver.start(Duration.ofMillis(300), "/events", "/alerts")) {
      String layout =
          LAYOUT.replace(
              "\"screens\"",
              "\"control\": {\"keyFile\": \""
                  + keyFile
                  + "\", \"webhooks\": [\""
                  + receiver.url("/events")
                  + "\"]}, \"alerts\": {\"webhooks\": [\""
                  + receiver.url("/alerts")
                  + "\"]}, \"screens\"");
      StringWriter log = new StringWriter();
      try (ControlSurfaces surfaces =
          ControlSurfaces.open(
              new LayoutReader().read("wall.json", layout),
              ControlSurfaces.Options.NONE,
              false,
              Map.of(),
              "controller",
              "test",
              new PrintWriter(log, true))) {
        surfaces
            .events()
            .publish(WallEvent.of(WallEvent.Kind.LOOP_STARTED, Instant.now(), Map.of()));
        surfaces
            .watch(
                () ->
                    new Outcome.RankLost(
                        "rank 1 (screen c) on pi3 was lost", List.of("pi3"), List.of("c")))
            .run();
      }
      List<String> events =
          receiver.at("/events").stream().map(d -> d.json().path("event").asText()).toList();
      assertEquals(List.of("loop-started", "node-lost"), events, log.toString());
      assertEquals(1, receiver.at("/alerts").size(), log.toString());
      assertEquals("node-lost", receiver.at("/alerts").get(0).json().path("alert").asText());
    }
  }

  @Test
  void aLossWithoutNamedHostsNamesTheLayoutsHostsItsMessageNames() throws Exception {
    List<WallEvent> events = told(new Outcome.RankLost("pi3 was lost: mpirun lost it"));
    assertEquals(
        Map.of("hosts", "pi3", "cause", "pi3 was lost: mpirun lost it"), events.get(0).facts());
  }
}
