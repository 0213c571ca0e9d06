package dev.wall.player.cli;

import picocli.CommandLine.Option;

/** Options every subcommand takes. */
public class CommonOptions {
  @Option(names = "--stacktrace", hidden = true, description = "Show the stack trace of a failure.")
  boolean stacktrace;

  public boolean stacktrace() {
    return stacktrace;
  }
}
