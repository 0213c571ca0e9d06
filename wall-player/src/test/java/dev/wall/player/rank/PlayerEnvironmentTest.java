package dev.wall.player.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wall.player.plan.DisplaySettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlayerEnvironmentTest {
  @Test
  void aRankStartedOverSshGetsTheDisplayTheControllerSent() {
    DisplaySettings sent =
        DisplaySettings.from(Map.of("DISPLAY", ":0", "XAUTHORITY", "/home/pi/.Xauthority"), null);
    assertEquals(
        Map.of("DISPLAY", ":0", "XAUTHORITY", "/home/pi/.Xauthority"),
        PlayerEnvironment.of(sent, Map.of("HOME", "/home/pi", "PATH", "/usr/bin")));
  }

  @Test
  void whatWasSentWinsAndTheRestIsInherited() {
    DisplaySettings sent = DisplaySettings.from(Map.of(), ":3");
    assertEquals(
        Map.of("DISPLAY", ":3", "XDG_RUNTIME_DIR", "/run/user/1000"),
        PlayerEnvironment.of(sent, Map.of("DISPLAY", ":0", "XDG_RUNTIME_DIR", "/run/user/1000")));
  }
}
