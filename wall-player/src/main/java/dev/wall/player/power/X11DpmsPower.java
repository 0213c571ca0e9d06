package dev.wall.player.power;

import dev.wall.core.layout.DisplayPowerKind;
import java.util.List;
import java.util.Optional;

/**
 * DPMS on an X server: {@code xset dpms force off}, and back with {@code force on}, then {@code
 * -dpms} so that the server's own DPMS timers (which {@code force} switched on) never blank the
 * wall while it plays. xset exits 0 even when the server has no DPMS, so the state is always read
 * back with {@code xset q}.
 */
final class X11DpmsPower implements DisplayPower {
  static final String NO_DPMS = "Server does not have the DPMS Extension";
  private final String display;

  X11DpmsPower(PowerEnvironment environment) {
    this.display = environment.display();
  }

  @Override
  public String name() {
    return "xset";
  }

  @Override
  public DisplayPowerKind kind() {
    return DisplayPowerKind.X11;
  }

  @Override
  public boolean usable(PowerEnvironment environment) {
    return environment.installed().test("xset") && environment.display() != null;
  }

  @Override
  public List<PowerCommand> commands(boolean on) {
    if (on) {
      return List.of(
          PowerCommand.of("xset", "-display", display, "dpms", "force", "on"),
          PowerCommand.of("xset", "-display", display, "-dpms"));
    }
    return List.of(PowerCommand.of("xset", "-display", display, "dpms", "force", "off"));
  }

  @Override
  public Optional<PowerCommand> query() {
    return Optional.of(PowerCommand.of("xset", "-display", display, "q"));
  }

  /**
   * {@code Monitor is Off} (or Standby, Suspend) after {@code force off}; {@code Monitor is On}.
   */
  @Override
  public Optional<Boolean> state(String output) {
    if (output.contains(NO_DPMS)) {
      throw new IllegalStateException("the X server " + display + " has no DPMS extension");
    }
    for (String line : output.lines().toList()) {
      String l = line.strip();
      if (l.startsWith("Monitor is ")) {
        return Optional.of(l.equals("Monitor is On"));
      }
    }
    // With DPMS disabled (-dpms), xset q prints no monitor line: the server keeps the display on.
    return output.contains("DPMS is Disabled") ? Optional.of(true) : Optional.empty();
  }
}
