package dev.wall.player.cli.setup;

import dev.wall.player.cli.CommonOptions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code wall setup nfs-client}. */
@Command(name = "nfs-client", description = "On a worker: mount the controller's share at boot, without ever holding boot up.")
public final class NfsClientCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin SetupOptions setup;
  @Mixin ShareOptions share;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    return new SetupSession(setup, share, spec.commandLine().getOut())
        .run(node -> List.of(new dev.wall.core.setup.modules.NfsClientModule()), false);
  }
}
