package dev.wall.player.power;

import dev.wall.core.layout.DisplayPowerKind;
import java.util.List;
import java.util.function.Function;

/**
 * Every backend, in the order {@code auto} tries them on a node: HDMI-CEC first (it powers a
 * television down for real), then the firmware's, the compositor's, the X server's, and none.
 * Adding a backend is one class and one line here.
 */
public final class DisplayPowers {
  static final List<Function<PowerEnvironment, DisplayPower>> ALL =
      List.of(
          CecCtlPower::new,
          CecClientPower::new,
          VcgencmdPower::new,
          WaylandPower::new,
          X11DpmsPower::new,
          environment -> new NoPower());

  private DisplayPowers() {}

  /**
   * The backends to try for {@code requested} on this node, best first: for a kind, those of that
   * kind that are usable here; for auto, every usable one. The list always ends with none, so a
   * screen whose display cannot be switched still goes black.
   */
  public static List<DisplayPower> candidates(
      DisplayPowerKind requested, PowerEnvironment environment) {
    return ALL.stream()
        .map(make -> make.apply(environment))
        .filter(
            power ->
                requested == DisplayPowerKind.AUTO
                    || power.kind() == requested
                    || power.kind() == DisplayPowerKind.NONE)
        .filter(power -> power.usable(environment))
        .toList();
  }

  /** Every backend for this screen, usable or not: for golden files and help. */
  static List<DisplayPower> all(PowerEnvironment environment) {
    return ALL.stream().map(make -> make.apply(environment)).toList();
  }
}
