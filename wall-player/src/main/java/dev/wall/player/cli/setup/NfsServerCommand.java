package dev.wall.player.cli.setup;

import dev.wall.core.setup.SetupModule;
import dev.wall.core.setup.modules.NfsServerModule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code wall setup nfs-server}. */
@Command(
    name = "nfs-server",
    description = "On the controller: export the share read-only to the cluster's subnet.",
    footer = {
      "",
      "Examples:",
      "  wall setup nfs-server --layout /srv/wall/lobby.json --dry-run   # diff only",
      "  sudo wall setup nfs-server --layout /srv/wall/lobby.json",
      "  sudo wall setup nfs-server --layout /srv/wall/lobby.json --undo",
      "  wall setup nfs-server --layout lobby.json --host rpi2 --root /mnt/sd   # an SD card"
    })
public final class NfsServerCommand extends SingleModuleCommand {
  @Mixin ShareOptions share;

  @Override
  ShareOptions share() {
    return share;
  }

  @Override
  SetupModule module() {
    return new NfsServerModule();
  }
}
