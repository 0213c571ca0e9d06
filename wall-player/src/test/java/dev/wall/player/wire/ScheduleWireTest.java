package dev.wall.player.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import dev.wall.player.testing.Project;
import org.junit.jupiter.api.Test;

/** A layout's opening hours reach the ranks as the controller validated them. */
class ScheduleWireTest {
  @Test
  void aScheduleCrossesTheWire() throws Exception {
    Layout layout = new LayoutReader().read(Project.root().resolve("layouts/museum-hours.json"));
    assertEquals("Europe/Paris", layout.scheduleIfSet().orElseThrow().timezone());
    assertEquals(layout, LayoutWire.decode(LayoutWire.encode(layout)));
  }
}
