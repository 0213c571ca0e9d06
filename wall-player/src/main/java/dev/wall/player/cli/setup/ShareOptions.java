package dev.wall.player.cli.setup;

import picocli.CommandLine.Option;

/** Options of the modules that touch the NFS share. */
public class ShareOptions {
  @Option(
      names = "--share",
      paramLabel = "DIR",
      description =
          "The shared folder, the same path on every node (default: the layout's mediaRoot).")
  String share;

  @Option(
      names = "--read-write",
      description = "Export and mount the share read-write (default: read-only).")
  boolean readWrite;
}
