package dev.wall.player.cli.setup;

import dev.wall.core.setup.SetupModule;
import dev.wall.core.setup.modules.StaticIpModule;
import picocli.CommandLine.Command;

/** {@code wall setup static-ip}. */
@Command(
    name = "static-ip",
    description =
        "This node's static address: dhcpcd.conf (Buster, Bullseye) or a NetworkManager keyfile (Bookworm).",
    footer = {
      "",
      "Examples:",
      "  wall setup static-ip --layout /srv/wall/lobby.json --dry-run   # diff only",
      "  sudo wall setup static-ip --layout /srv/wall/lobby.json",
      "  sudo wall setup static-ip --layout /srv/wall/lobby.json --undo",
      "  wall setup static-ip --layout lobby.json --host rpi2 --root /mnt/sd   # an SD card"
    })
public final class StaticIpCommand extends SingleModuleCommand {
  @Override
  SetupModule module() {
    return new StaticIpModule();
  }
}
