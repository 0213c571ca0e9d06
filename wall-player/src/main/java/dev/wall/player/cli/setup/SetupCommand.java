package dev.wall.player.cli.setup;

import dev.wall.player.cli.common.CommonOptions;
import dev.wall.player.cli.common.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code wall setup MODULE}: prepares a node from the layout, idempotent and reversible. */
@Command(
    name = "setup",
    description = {
      "Prepare a node from the layout: every change is idempotent, atomic, backed up and reversible (--undo).",
      "Run it on each node, or on a node's filesystem with --root."
    })
public final class SetupCommand implements Callable<Integer> {
  /** {@code wall setup} with its modules ({@link SetupModules}) as subcommands. */
  public static CommandLine commandLine() {
    return SetupModules.commandLine();
  }

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("wall: setup needs a module: " + SetupModules.names());
    spec.commandLine().getErr().println("Try 'wall setup --help'.");
    return ExitCodes.BAD_INPUT;
  }
}
