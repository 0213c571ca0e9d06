package dev.wall.player.cli.setup;

import dev.wall.core.setup.modules.AutostartModule;
import dev.wall.core.setup.SetupModule;
import picocli.CommandLine.Command;

/** {@code wall setup autostart}. */
@Command(
    name = "autostart",
    description = "On the controller: a systemd unit that plays the wall at boot, forever.",
    footer = {
      "",
      "Examples:",
      "  wall setup autostart --layout /srv/wall/lobby.json --dry-run   # diff only",
      "  sudo wall setup autostart --layout /srv/wall/lobby.json",
      "  sudo wall setup autostart --layout /srv/wall/lobby.json --undo",
      "  wall setup autostart --layout lobby.json --host rpi2 --root /mnt/sd   # an SD card"
    })
public final class AutostartCommand extends SingleModuleCommand {
  @Override
  SetupModule module() {
    return new AutostartModule();
  }
}
