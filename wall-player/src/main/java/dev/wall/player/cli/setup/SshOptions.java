package dev.wall.player.cli.setup;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options of the ssh module. */
public class SshOptions {
  @Option(
      names = "--no-remote",
      description = "On the controller: make the key and config, contact no worker.")
  boolean noRemote;

  @Option(
      names = "--accept-host-keys",
      description =
          "Trust the workers' ssh host keys shown as fingerprints (compare them with each node's own first).")
  boolean acceptHostKeys;

  @Option(
      names = "--authorize",
      paramLabel = "KEY.pub",
      description =
          "On a worker: append this public key (the controller's) to authorized_keys, locally.")
  Path authorize;
}
