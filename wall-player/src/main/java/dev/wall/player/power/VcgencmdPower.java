package dev.wall.player.power;

import dev.wall.core.layout.DisplayPowerKind;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code vcgencmd display_power 0|1 ID} on legacy Raspberry Pi firmware (no KMS driver: under KMS
 * the firmware no longer owns the display and the command does nothing). The display ID is the
 * firmware's: 2 is HDMI0, 7 is HDMI1, as omxplayer's {@code --display}.
 */
final class VcgencmdPower implements DisplayPower {
  private static final Pattern STATE = Pattern.compile("display_power=(\\d)");
  private final String displayId;

  VcgencmdPower(PowerEnvironment environment) {
    this.displayId = environment.output() == 0 ? "2" : "7";
  }

  @Override
  public String name() {
    return "vcgencmd";
  }

  @Override
  public DisplayPowerKind kind() {
    return DisplayPowerKind.VCGENCMD;
  }

  @Override
  public boolean usable(PowerEnvironment environment) {
    return environment.installed().test("vcgencmd") && !environment.kms();
  }

  @Override
  public List<PowerCommand> commands(boolean on) {
    return List.of(PowerCommand.of("vcgencmd", "display_power", on ? "1" : "0", displayId));
  }

  @Override
  public Optional<PowerCommand> query() {
    return Optional.of(PowerCommand.of("vcgencmd", "display_power", "-1", displayId));
  }

  @Override
  public Optional<Boolean> state(String output) {
    Matcher m = STATE.matcher(output);
    return m.find() ? Optional.of(m.group(1).equals("1")) : Optional.empty();
  }
}
