package dev.wall.player.cli.setup;

import dev.wall.player.cli.common.CommonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code wall setup all}. */
@Command(
    name = "all",
    description = "Every module that applies to this node, in order, with one summary table.",
    footer = {
      "",
      "Examples:",
      "  wall setup all --layout /srv/wall/lobby.json --dry-run   # diff only",
      "  sudo wall setup all --layout /srv/wall/lobby.json",
      "  sudo wall setup all --layout /srv/wall/lobby.json --undo",
      "  wall setup all --layout lobby.json --host rpi2 --root /mnt/sd   # an SD card"
    })
public final class AllCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin SetupOptions setup;
  @Mixin ShareOptions share;
  @Mixin SshOptions ssh;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    return new SetupSession(setup, share, spec.commandLine().getOut())
        .run(node -> SetupModules.forAll(node, ssh), true);
  }
}
