package dev.wall.player.cli.setup;

import dev.wall.core.setup.SetupModule;
import dev.wall.core.setup.modules.RadiosModule;
import picocli.CommandLine.Command;

/** {@code wall setup radios}. */
@Command(
    name = "radios",
    description = "Wi-Fi and Bluetooth off in config.txt's [all] section, and hciuart disabled.",
    footer = {
      "",
      "Examples:",
      "  wall setup radios --layout /srv/wall/lobby.json --dry-run   # diff only",
      "  sudo wall setup radios --layout /srv/wall/lobby.json",
      "  sudo wall setup radios --layout /srv/wall/lobby.json --undo",
      "  wall setup radios --layout lobby.json --host rpi2 --root /mnt/sd   # an SD card"
    })
public final class RadiosCommand extends SingleModuleCommand {
  @Override
  SetupModule module() {
    return new RadiosModule();
  }
}
