package dev.wall.player.power;

import dev.wall.core.layout.DisplayPowerKind;
import java.util.List;

/** Nothing to switch: the players are stopped, so the screens show black with their panels lit. */
final class NoPower implements DisplayPower {
  @Override
  public String name() {
    return "none";
  }

  @Override
  public DisplayPowerKind kind() {
    return DisplayPowerKind.NONE;
  }

  @Override
  public boolean usable(PowerEnvironment environment) {
    return true;
  }

  @Override
  public List<PowerCommand> commands(boolean on) {
    return List.of();
  }
}
