package dev.wall.player.cli.setup;

import dev.wall.core.setup.SetupModule;
import dev.wall.core.setup.modules.HostsModule;
import picocli.CommandLine.Command;

/** {@code wall setup hosts}. */
@Command(
    name = "hosts",
    description = "This node's /etc/hostname, and every node of the layout in /etc/hosts.",
    footer = {
      "",
      "Examples:",
      "  wall setup hosts --layout /srv/wall/lobby.json --dry-run   # diff only",
      "  sudo wall setup hosts --layout /srv/wall/lobby.json",
      "  sudo wall setup hosts --layout /srv/wall/lobby.json --undo",
      "  wall setup hosts --layout lobby.json --host rpi2 --root /mnt/sd   # an SD card"
    })
public final class HostsCommand extends SingleModuleCommand {
  @Override
  SetupModule module() {
    return new HostsModule();
  }
}
