package dev.wall.player.cli.setup;

import dev.wall.core.setup.SetupModule;
import dev.wall.core.setup.modules.NfsClientModule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code wall setup nfs-client}. */
@Command(
    name = "nfs-client",
    description =
        "On a worker: mount the controller's share at boot, without ever holding boot up.",
    footer = {
      "",
      "Examples:",
      "  wall setup nfs-client --layout /srv/wall/lobby.json --dry-run   # diff only",
      "  sudo wall setup nfs-client --layout /srv/wall/lobby.json",
      "  sudo wall setup nfs-client --layout /srv/wall/lobby.json --undo",
      "  wall setup nfs-client --layout lobby.json --host rpi2 --root /mnt/sd   # an SD card"
    })
public final class NfsClientCommand extends SingleModuleCommand {
  @Mixin ShareOptions share;

  @Override
  ShareOptions share() {
    return share;
  }

  @Override
  SetupModule module() {
    return new NfsClientModule();
  }
}
