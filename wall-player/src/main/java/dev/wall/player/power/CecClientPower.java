package dev.wall.player.power;

import dev.wall.core.layout.DisplayPowerKind;
import java.util.ArrayList;
import java.util.List;

/**
 * HDMI-CEC through libcec's {@code cec-client}, single command mode ({@code -s}): the command on
 * standard input, quiet log ({@code -d 1}). On HDMI1 it names the adapter's device; on HDMI0 it
 * lets libcec find its adapter (the Pi's own under legacy firmware).
 */
final class CecClientPower implements DisplayPower {
  private final PowerEnvironment environment;

  CecClientPower(PowerEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public String name() {
    return "cec-client";
  }

  @Override
  public DisplayPowerKind kind() {
    return DisplayPowerKind.CEC;
  }

  @Override
  public boolean usable(PowerEnvironment environment) {
    return environment.installed().test("cec-client");
  }

  @Override
  public List<PowerCommand> commands(boolean on) {
    List<String> argv = new ArrayList<>(List.of("cec-client", "-s", "-d", "1"));
    if (environment.output() > 0) {
      argv.add(environment.cecDevice().toString());
    }
    return List.of(new PowerCommand(argv, on ? "on 0\n" : "standby 0\n"));
  }
}
