package dev.wall.player.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.DisplayPowerKind;
import dev.wall.player.display.VirtualDisplay;
import dev.wall.player.process.Processes;
import dev.wall.player.testing.TestDisplay;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The X11 backend against a real X server, read back from the server with {@code xset q}. Debian
 * bookworm's Xvfb has no DPMS extension (nor have its Xorg dummy driver, Xephyr or Xtigervnc): xset
 * exits 0 there all the same, so the read-back is what tells, and the wall must say so and fall
 * back to a black screen. Where the server has DPMS, the same test sees the monitor go Off and On.
 */
@Tag("smoke")
class X11DpmsIT {
  static VirtualDisplay x;

  @BeforeAll
  static void takeX() throws Exception {
    x = TestDisplay.shared();
  }

  private static String query() throws Exception {
    return Processes.run(
            List.of("xset", "-display", x.display(), "q"), "", Duration.ofSeconds(5), Map.of())
        .stdout();
  }

  @Test
  void offAndOnAsTheServerReadsThem() throws Exception {
    PowerEnvironment node = PowerEnvironment.here(0, x.display(), Map.of());
    PowerSwitch power = PowerSwitch.here(Map.of());
    boolean serverHasDpms = !query().contains(X11DpmsPower.NO_DPMS);

    PowerSwitch.Result off = power.set(false, DisplayPowerKind.X11, node);
    if (serverHasDpms) {
      assertEquals("display off (xset)", off.describe());
      assertTrue(query().contains("Monitor is Off"), query());
      PowerSwitch.Result on = power.set(true, DisplayPowerKind.X11, node);
      assertEquals("display on (xset)", on.describe());
      assertTrue(query().contains("DPMS is Disabled"), query()); // no timer will blank the wall
    } else {
      assertEquals(
          "screen black, display left on (no display power here); xset failed: the X server "
              + x.display()
              + " has no DPMS extension",
          off.describe());
      assertTrue(query().contains(X11DpmsPower.NO_DPMS), "xset q said: " + query());
    }
  }

  @Test
  void autoOnThisDesktopEndsInBlackWithTheReason() throws Exception {
    PowerSwitch.Result off =
        PowerSwitch.here(Map.of())
            .set(
                false,
                DisplayPowerKind.AUTO,
                PowerEnvironment.here(0, x.display(), Map.of("PATH", System.getenv("PATH"))));
    assertTrue(off.describe().contains("xset"), off.describe());
  }
}
