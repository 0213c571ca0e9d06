package dev.wall.player.cli.setup;

import dev.wall.player.cli.common.CommonOptions;
import dev.wall.player.setup.SshModule;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code wall setup ssh}. */
@Command(
    name = "ssh",
    description = "The controller's key for mpirun, its ssh config, and the key on every worker.",
    footer = {
      "",
      "Examples:",
      "  wall setup ssh --layout /srv/wall/lobby.json --dry-run   # diff only",
      "  sudo wall setup ssh --layout /srv/wall/lobby.json   # shows each worker's host key to confirm",
      "  sudo wall setup ssh --layout /srv/wall/lobby.json --accept-host-keys   # once you compared them",
      "  sudo wall setup ssh --layout /srv/wall/lobby.json --undo",
      "  wall setup ssh --layout lobby.json --host rpi2 --root /mnt/sd   # an SD card"
    })
public final class SshCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin SetupOptions setup;
  @Mixin SshOptions ssh;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    return new SetupSession(setup, null, spec.commandLine().getOut())
        .run(node -> List.of(module(ssh)), false);
  }

  /** The module as these options ask for it. */
  static SshModule module(SshOptions ssh) {
    return new SshModule(!ssh.noRemote, ssh.authorize, ssh.acceptHostKeys);
  }
}
