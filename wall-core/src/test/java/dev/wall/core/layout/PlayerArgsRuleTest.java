package dev.wall.core.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * wall-core alone has no player's allow-list (each backend brings its own, as a service): then
 * every playerArgs item is refused, unless the layout allows player code. It fails closed.
 */
class PlayerArgsRuleTest {
  private static final String LAYOUT =
      """
      {"version": 1, "player": "mpv", "mediaRoot": "/m",
       "screens": [{"name": "a", "host": "rpi1", "media": "a.mp4", "playerArgs": ["--hwdec=drm"]}]}
      """;

  @Test
  void withoutThePlayersListEveryArgumentIsRefused() {
    assertEquals(0, PlayerArgsRule.installed(), "this test runs without wall-player");
    InvalidLayoutException refused =
        assertThrows(InvalidLayoutException.class, () -> new LayoutReader().read("a.json", LAYOUT));
    assertEquals(
        List.of(
            "a.json: screens[0].playerArgs[0]: \"--hwdec=drm\" is refused for mpv: this program"
                + " has no list of the options mpv may take; remove it, or "
                + PlayerArgsRule.ALLOW_HINT),
        refused.problems().stream().map(Problem::line).toList());
  }

  @Test
  void allowPlayerCodeLetsItThrough() throws Exception {
    Layout layout =
        new LayoutReader()
            .read("a.json", LAYOUT.replace("\"player\"", "\"allowPlayerCode\": true, \"player\""));
    assertEquals(List.of("--hwdec=drm"), layout.screen(0).playerArgs());
  }
}
