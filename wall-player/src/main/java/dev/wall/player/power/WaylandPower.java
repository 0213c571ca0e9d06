package dev.wall.player.power;

import dev.wall.core.layout.DisplayPowerKind;
import java.util.List;

/**
 * {@code wlr-randr --output HDMI-A-N --off|--on} under a wlroots compositor (labwc, Wayfire: the
 * Raspberry Pi OS desktop since Bookworm). HDMI0 is the connector {@code HDMI-A-1}.
 */
final class WaylandPower implements DisplayPower {
  private final String connector;

  WaylandPower(PowerEnvironment environment) {
    this.connector = "HDMI-A-" + (environment.output() + 1);
  }

  @Override
  public String name() {
    return "wlr-randr";
  }

  @Override
  public DisplayPowerKind kind() {
    return DisplayPowerKind.WAYLAND;
  }

  @Override
  public boolean usable(PowerEnvironment environment) {
    return environment.installed().test("wlr-randr") && environment.waylandDisplay() != null;
  }

  @Override
  public List<PowerCommand> commands(boolean on) {
    return List.of(PowerCommand.of("wlr-randr", "--output", connector, on ? "--on" : "--off"));
  }
}
