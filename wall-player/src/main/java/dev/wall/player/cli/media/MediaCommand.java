package dev.wall.player.cli.media;

import dev.wall.player.cli.common.CommonOptions;
import dev.wall.player.cli.common.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code wall media}: content made for the wall; its actions are subcommands. */
@Command(
    name = "media",
    description = "Content made for the wall: prepare each screen's own clip from the layout.",
    footer = {"", "Examples:", "  wall media prepare /srv/wall/lobby.json"})
public final class MediaCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Spec CommandLine.Model.CommandSpec spec;

  /** {@code wall media} with its subcommands. */
  public static CommandLine commandLine() {
    CommandLine media = new CommandLine(new MediaCommand());
    media.addSubcommand("prepare", new PrepareCommand());
    return media;
  }

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("wall: media needs an action: prepare");
    spec.commandLine().getErr().println("Try 'wall media --help'.");
    return ExitCodes.BAD_INPUT;
  }
}
