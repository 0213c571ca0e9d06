package dev.wall.player.show;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import dev.wall.player.launch.Outcome;
import dev.wall.player.wire.WallEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What show control tells of a run of the wall's job that ended with a rank or node lost. */
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
  void aLossWithoutNamedHostsNamesTheLayoutsHostsItsMessageNames() throws Exception {
    List<WallEvent> events = told(new Outcome.RankLost("pi3 was lost: mpirun lost it"));
    assertEquals(
        Map.of("hosts", "pi3", "cause", "pi3 was lost: mpirun lost it"), events.get(0).facts());
  }
}
