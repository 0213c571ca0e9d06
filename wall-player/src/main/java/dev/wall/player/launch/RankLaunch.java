package dev.wall.player.launch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the controller asks every rank to do, as the rank's command line: written by {@link #args}
 * on the controller, read back by {@link #parse} in the rank. A plain parser, not picocli: the
 * rank is started four or more times on a small machine, and picocli's start-up alone costs a
 * rank about 0.4 s.
 *
 * @param layout the layout file, at the same path on every node (normally the NFS share)
 * @param loops loops to play, 0 for forever
 * @param mediaRoot overrides the layout's mediaRoot when not null
 * @param runDir each node's folder for sockets and player logs
 * @param snapshot rank 0 captures its display here after the last loop, when not null
 * @param warmUp load what a rank loads and exit, without MPI or a player (to record a class archive)
 */
public record RankLaunch(Path layout, int loops, Path mediaRoot, Path runDir, Path snapshot, boolean warmUp) {

  public RankLaunch(Path layout, int loops, Path mediaRoot, Path runDir, Path snapshot) {
    this(layout, loops, mediaRoot, runDir, snapshot, false);
  }

  public List<String> args() {
    List<String> args = new ArrayList<>(List.of(
        "--layout", layout.toAbsolutePath().toString(),
        "--loops", String.valueOf(loops),
        "--run-dir", runDir.toAbsolutePath().toString()));
    if (mediaRoot != null) {
      args.addAll(List.of("--media-root", mediaRoot.toAbsolutePath().toString()));
    }
    if (snapshot != null) {
      args.addAll(List.of("--snapshot", snapshot.toAbsolutePath().toString()));
    }
    if (warmUp) {
      args.add("--warm-up");
    }
    return args;
  }

  /** Reads what {@link #args} wrote; anything else is an {@link IllegalArgumentException}. */
  public static RankLaunch parse(String... args) {
    Path layout = null;
    Integer loops = null;
    Path mediaRoot = null;
    Path runDir = null;
    Path snapshot = null;
    boolean warmUp = false;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--warm-up")) {
        warmUp = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("rank option " + option + " needs a value");
      }
      String value = args[++i];
      switch (option) {
        case "--layout" -> layout = Path.of(value);
        case "--loops" -> loops = Integer.parseInt(value);
        case "--media-root" -> mediaRoot = Path.of(value);
        case "--run-dir" -> runDir = Path.of(value);
        case "--snapshot" -> snapshot = Path.of(value);
        default -> throw new IllegalArgumentException("unknown rank option " + option);
      }
    }
    if (layout == null || loops == null || runDir == null) {
      throw new IllegalArgumentException("a rank needs --layout, --loops and --run-dir");
    }
    return new RankLaunch(layout, loops, mediaRoot, runDir, snapshot, warmUp);
  }
}
