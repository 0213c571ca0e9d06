package dev.wall.player.cli.setup;

import dev.wall.player.cli.CommonOptions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code wall setup hosts}. */
@Command(name = "hosts", description = "This node's /etc/hostname, and every node of the layout in /etc/hosts.")
public final class HostsCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin SetupOptions setup;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    return new SetupSession(setup, null, spec.commandLine().getOut())
        .run(node -> List.of(new dev.wall.core.setup.modules.HostsModule()), false);
  }
}
