package dev.wall.player.power;

import dev.wall.core.layout.DisplayPowerKind;
import java.util.List;

/**
 * HDMI-CEC through the kernel's CEC framework ({@code cec-ctl} from v4l-utils, {@code /dev/cecN} on
 * a Pi with the KMS driver). {@code --playback} claims a logical address first (the adapter has
 * none until a program sets one); the television is logical address 0.
 */
final class CecCtlPower implements DisplayPower {
  private final String device;

  CecCtlPower(PowerEnvironment environment) {
    this.device = environment.cecDevice().toString();
  }

  @Override
  public String name() {
    return "cec-ctl";
  }

  @Override
  public DisplayPowerKind kind() {
    return DisplayPowerKind.CEC;
  }

  @Override
  public boolean usable(PowerEnvironment environment) {
    return environment.installed().test("cec-ctl")
        && environment.exists().test(environment.cecDevice());
  }

  @Override
  public List<PowerCommand> commands(boolean on) {
    return List.of(
        PowerCommand.of(
            "cec-ctl",
            "-d",
            device,
            "--playback",
            "--to",
            "0",
            on ? "--image-view-on" : "--standby"));
  }
}
