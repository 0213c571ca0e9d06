package dev.wall.player.cli.setup;

import dev.wall.core.setup.SetupModule;
import dev.wall.core.setup.modules.BlankingModule;
import picocli.CommandLine.Command;

/** {@code wall setup blanking}. */
@Command(
    name = "blanking",
    description = "Screens that never blank: console, X11, Wayfire and labwc, as found.",
    footer = {
      "",
      "Examples:",
      "  wall setup blanking --layout /srv/wall/lobby.json --dry-run   # diff only",
      "  sudo wall setup blanking --layout /srv/wall/lobby.json",
      "  sudo wall setup blanking --layout /srv/wall/lobby.json --undo",
      "  wall setup blanking --layout lobby.json --host rpi2 --root /mnt/sd   # an SD card"
    })
public final class BlankingCommand extends SingleModuleCommand {
  @Override
  SetupModule module() {
    return new BlankingModule();
  }
}
