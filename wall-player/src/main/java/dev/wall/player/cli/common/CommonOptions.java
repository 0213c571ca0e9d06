package dev.wall.player.cli.common;

import picocli.CommandLine.Option;

/** Options every subcommand takes. */
public class CommonOptions {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Option(names = "--stacktrace", hidden = true, description = "Show the stack trace of a failure.")
  boolean stacktrace;

  public boolean stacktrace() {
    return stacktrace;
  }
}
