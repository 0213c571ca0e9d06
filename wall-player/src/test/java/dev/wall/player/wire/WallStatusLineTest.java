package dev.wall.player.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.sync.ScreenState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A wall paused or blanked on purpose says so, in its line and its JSON, and not as a failure. */
class WallStatusLineTest {
  private static WallStatus wall() {
    return new WallStatus(
        3,
        0,
        4.25,
        0.5,
        30,
        List.of(
            new WallStatus.Screen("a", "rpi1", ScreenState.PLAYING, 4.25, 0.2, 1, 0, null, null)),
        1);
  }

  @Test
  void aPausedAndBlankedWallSaysSo() {
    assertEquals("loop 3/forever at 4.3 s, skew 0.5 ms (0.02 frames)", wall().line());
    assertEquals(
        "loop 3/forever at 4.3 s, skew 0.5 ms (0.02 frames); paused; blanked",
        wall().withShow(true, true).line());
  }

  @Test
  void theShowStateTravelsInTheStatusFile() {
    WallStatus back = WallStatus.fromJson(wall().withShow(true, false).toJson());
    assertTrue(back.paused());
    assertEquals(false, back.blanked());
    assertEquals(1, back.item());
  }
}
