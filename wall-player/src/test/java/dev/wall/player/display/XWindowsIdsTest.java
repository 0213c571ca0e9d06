package dev.wall.player.display;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XWindowsIdsTest {

  @Test
  void readsWindowIdsByTitleFromXwininfo() {
    List<String> lines =
        List.of(
            "xwininfo: Window id: 0x50d (the root window) (has no name)",
            "  Root window id: 0x50d (the root window) (has no name)",
            "     1 child:",
            "     0x200000 \"wall:v\": (\"vlc\" \"Vlc\")  320x180+0+0  +0+0",
            "        1 child:",
            "        0x400000 (has no name): ()  320x180+0+0  +0+0",
            "     0x600007 \"wall:tl\": (\"mpv\" \"mpv\")  640x360+0+0  +0+0");
    assertEquals(Map.of("wall:v", "0x200000", "wall:tl", "0x600007"), XWindows.parseIds(lines));
  }
}
