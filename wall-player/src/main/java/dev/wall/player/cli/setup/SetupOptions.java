package dev.wall.player.cli.setup;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every {@code wall setup MODULE} takes. */
public class SetupOptions {
  @Option(
      names = "--layout",
      required = true,
      paramLabel = "FILE",
      description = "The wall's layout file.")
  Path layout;

  @Option(
      names = "--host",
      paramLabel = "NAME",
      description =
          "This node's host in the layout (default: /etc/hostname when the layout names it).")
  String host;

  @Option(
      names = "--root",
      paramLabel = "DIR",
      defaultValue = "/",
      description = "The filesystem to edit (default: ${DEFAULT-VALUE}).")
  Path root;

  @Option(
      names = "--user",
      paramLabel = "NAME",
      description = "The account that runs the wall (default: $SUDO_USER, else pi).")
  String user;

  @Option(names = "--dry-run", description = "Print a unified diff of every change; write nothing.")
  boolean dryRun;

  @Option(names = "--undo", description = "Take back what this module changed, and nothing else.")
  boolean undo;
}
