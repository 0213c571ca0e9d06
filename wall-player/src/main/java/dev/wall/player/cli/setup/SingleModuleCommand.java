package dev.wall.player.cli.setup;

import dev.wall.core.setup.SetupModule;
import dev.wall.player.cli.common.CommonOptions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every one-module {@code wall setup} subcommand shares: its options and how it runs. */
abstract class SingleModuleCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin SetupOptions setup;
  @Spec CommandSpec spec;

  abstract SetupModule module();

  /** The share options, for the NFS modules; null for the others. */
  ShareOptions share() {
    return null;
  }

  @Override
  public Integer call() throws Exception {
    return new SetupSession(setup, share(), spec.commandLine().getOut())
        .run(node -> List.of(module()), false);
  }
}
