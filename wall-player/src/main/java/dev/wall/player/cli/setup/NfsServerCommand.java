package dev.wall.player.cli.setup;

import dev.wall.player.cli.CommonOptions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code wall setup nfs-server}. */
@Command(name = "nfs-server", description = "On the controller: export the share read-only to the cluster's subnet.")
public final class NfsServerCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin SetupOptions setup;
  @Mixin ShareOptions share;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    return new SetupSession(setup, share, spec.commandLine().getOut())
        .run(node -> List.of(new dev.wall.core.setup.modules.NfsServerModule()), false);
  }
}
