package dev.wall.player.cli.setup;

import dev.wall.player.cli.CommonOptions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code wall setup blanking}. */
@Command(name = "blanking", description = "Screens that never blank: console, X11, Wayfire and labwc, as found.")
public final class BlankingCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin SetupOptions setup;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    return new SetupSession(setup, null, spec.commandLine().getOut())
        .run(node -> List.of(new dev.wall.core.setup.modules.BlankingModule()), false);
  }
}
