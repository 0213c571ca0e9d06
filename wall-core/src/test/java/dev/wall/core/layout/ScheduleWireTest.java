package dev.wall.core.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wall.core.testing.RepoFiles;
import org.junit.jupiter.api.Test;

/** A layout's opening hours reach the ranks as the controller validated them. */
class ScheduleWireTest {
  @Test
  void aScheduleCrossesTheWire() throws Exception {
    Layout layout = new LayoutReader().read(RepoFiles.root().resolve("layouts/museum-hours.json"));
    assertEquals("Europe/Paris", layout.scheduleIfSet().orElseThrow().timezone());
    assertEquals(layout, LayoutWire.decode(LayoutWire.encode(layout)));
  }
}
