package dev.wall.player.cli.setup;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options of the ssh module. */
public class SshOptions {
  @Option(names = "--no-remote", description = "On the controller: make the key and config, contact no worker.")
  boolean noRemote;

  @Option(names = "--authorize", paramLabel = "KEY.pub", description = "On a worker: append this public key (the controller's) to authorized_keys, locally.")
  Path authorize;
}
