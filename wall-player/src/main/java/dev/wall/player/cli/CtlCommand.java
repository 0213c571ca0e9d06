package dev.wall.player.cli;

import dev.wall.player.cli.common.BadInputException;
import dev.wall.player.cli.common.CommonOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wall ctl}: show control on the controller, and its key. */
@Command(
    name = "ctl",
    description = "Control the running wall, or make the key HTTP and OSC control take.",
    footer = {
      "",
      "Examples:",
      "  wall ctl --new-key                      # a new key in ~/.config/wall/control.key, printed last",
      "  wall ctl --new-key --key-file /etc/wall/control.key",
    })
public final class CtlCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--new-key",
      description =
          "Make a new control key, keep it in a file only you can read (0600), and print it last.")
  boolean newKey;

  @Option(
      names = "--key-file",
      paramLabel = "FILE",
      description =
          "Where the key is kept (default: ~/.config/wall/control.key; the layout's control.keyFile"
              + " names another).")
  Path keyFile;

  @Parameters(
      paramLabel = "COMMAND",
      arity = "0..*",
      description = "A command for the running wall.")
  List<String> command;

  @Override
  public Integer call() throws IOException {
    if (newKey) {
      return NewKey.make(keyFile, System.getenv(), spec.commandLine().getOut());
    }
    throw new BadInputException("wall ctl takes --new-key here");
  }
}
