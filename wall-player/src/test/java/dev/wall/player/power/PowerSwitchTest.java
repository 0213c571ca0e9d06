package dev.wall.player.power;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wall.core.layout.DisplayPowerKind;
import dev.wall.player.process.Processes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which backend a node uses, and what happens when one fails: with programs answered in-process.
 */
class PowerSwitchTest {
  static final String XSET_Q_OFF =
      """
      DPMS (Energy Star):
        Standby: 600    Suspend: 600    Off: 600
        DPMS is Enabled
        Monitor is Off
      """;
  static final String XSET_Q_NO_DPMS =
      """
      DPMS (Energy Star):
        Server does not have the DPMS Extension
      """;

  private static PowerEnvironment node(
      Set<String> programs, Set<String> paths, String display, String wayland) {
    return new PowerEnvironment(
        0, display, wayland, Map.of(), programs::contains, p -> paths.contains(p.toString()));
  }

  @Test
  void autoPrefersCecWhereTheDeviceIs() {
    PowerEnvironment pi =
        node(
            Set.of("cec-ctl", "xset", "vcgencmd"),
            Set.of("/dev/cec0", "/sys/class/drm/card1-HDMI-A-1"),
            ":0",
            null);
    assertEquals(
        List.of("cec-ctl", "xset", "none"),
        DisplayPowers.candidates(DisplayPowerKind.AUTO, pi).stream()
            .map(DisplayPower::name)
            .toList());
  }

  @Test
  void vcgencmdOnlyWithoutKms() {
    PowerEnvironment legacy = node(Set.of("vcgencmd", "cec-client"), Set.of(), null, null);
    assertEquals(
        List.of("cec-client", "vcgencmd", "none"),
        DisplayPowers.candidates(DisplayPowerKind.AUTO, legacy).stream()
            .map(DisplayPower::name)
            .toList());
  }

  @Test
  void aKindNamedIsTriedThenNone() {
    PowerEnvironment wayland = node(Set.of("wlr-randr", "xset"), Set.of(), ":0", "wayland-0");
    assertEquals(
        List.of("wlr-randr", "none"),
        DisplayPowers.candidates(DisplayPowerKind.WAYLAND, wayland).stream()
            .map(DisplayPower::name)
            .toList());
  }

  @Test
  void dpmsReadBackOffIsAWin() {
    List<String> ran = new ArrayList<>();
    PowerSwitch power =
        new PowerSwitch(
            (command, deadline) -> {
              ran.add(command.shown());
              return new Processes.Outcome(0, command.argv().contains("q") ? XSET_Q_OFF : "", "");
            });
    PowerSwitch.Result result =
        power.set(false, DisplayPowerKind.AUTO, node(Set.of("xset"), Set.of(), ":3", null));
    assertEquals("display off (xset)", result.describe());
    assertEquals(List.of("xset -display :3 dpms force off", "xset -display :3 q"), ran);
  }

  @Test
  void aServerWithoutDpmsFallsBackToBlackAndSaysWhy() {
    PowerSwitch power =
        new PowerSwitch(
            (command, deadline) ->
                new Processes.Outcome(0, command.argv().contains("q") ? XSET_Q_NO_DPMS : "", ""));
    PowerSwitch.Result result =
        power.set(false, DisplayPowerKind.X11, node(Set.of("xset"), Set.of(), ":3", null));
    assertEquals(
        "screen black, display left on (no display power here); xset failed: the X server :3 has no DPMS extension",
        result.describe());
  }

  @Test
  void aFailingCommandNamesItselfAndItsLastWords() {
    PowerSwitch power =
        new PowerSwitch(
            (command, deadline) ->
                command.argv().get(0).equals("cec-ctl")
                    ? new Processes.Outcome(1, "", "Transmit: Not Acknowledged\n")
                    : new Processes.Outcome(0, "display_power=0\n", ""));
    PowerSwitch.Result result =
        power.set(
            false,
            DisplayPowerKind.AUTO,
            node(Set.of("cec-ctl", "vcgencmd"), Set.of("/dev/cec0"), null, null));
    assertEquals(
        "display off (vcgencmd); cec-ctl failed: `cec-ctl -d /dev/cec0 --playback --to 0 --standby` exited with 1: "
            + "Transmit: Not Acknowledged",
        result.describe());
  }

  @Test
  void aDisplayThatStaysOnIsAFailure() {
    PowerSwitch power =
        new PowerSwitch((command, deadline) -> new Processes.Outcome(0, "display_power=1\n", ""));
    PowerSwitch.Result result =
        power.set(false, DisplayPowerKind.VCGENCMD, node(Set.of("vcgencmd"), Set.of(), null, null));
    assertEquals(
        "screen black, display left on (no display power here); vcgencmd failed: "
            + "`vcgencmd display_power -1 2` still reads the display on",
        result.describe());
  }

  @Test
  void cecDeviceFollowsTheOutput() {
    assertEquals(
        Path.of("/dev/cec1"),
        new PowerEnvironment(1, null, null, Map.of(), p -> true, p -> true).cecDevice());
  }
}
