package dev.wall.player.launch;

import java.nio.file.Path;
import java.util.List;

/**
 * What the controller asks every rank to do, as the rank's command line.
 *
 * @param layout the layout file, at the same path on every node (normally the NFS share)
 * @param loops loops to play, 0 for forever
 * @param mediaRoot overrides the layout's mediaRoot when not null
 * @param runDir each node's folder for sockets and player logs
 * @param snapshot rank 0 captures its display here after the last loop, when not null
 */
public record RankLaunch(Path layout, int loops, Path mediaRoot, Path runDir, Path snapshot) {

  public List<String> args() {
    List<String> args = new java.util.ArrayList<>(List.of(
        "--layout", layout.toAbsolutePath().toString(),
        "--loops", String.valueOf(loops),
        "--run-dir", runDir.toAbsolutePath().toString()));
    if (mediaRoot != null) {
      args.addAll(List.of("--media-root", mediaRoot.toAbsolutePath().toString()));
    }
    if (snapshot != null) {
      args.addAll(List.of("--snapshot", snapshot.toAbsolutePath().toString()));
    }
    return args;
  }
}
