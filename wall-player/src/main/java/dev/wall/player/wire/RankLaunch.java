package dev.wall.player.wire;

import dev.wall.core.layout.Layout;
import dev.wall.player.wire.LayoutWire;
import dev.wall.player.plan.DisplaySettings;
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
 * @param earlyPlayer this rank's player, to start before reading the layout, or null
 * @param layoutData the layout as the controller validated it ({@link LayoutWire}), or null for
 *     the rank to read {@code layout} itself
 * @param display the display settings the controller was given, for every rank's player
 * @param debug verbose player logs and control transcripts
 */
public record RankLaunch(Path layout, int loops, Path mediaRoot, Path runDir, Path snapshot, boolean warmUp,
    EarlyPlayer earlyPlayer, String layoutData, DisplaySettings display, boolean debug) {
  /**
   * mpirun's own command line holds every rank's: past this much layout data in all, the ranks
   * read the layout file instead (Linux allows 2 MB of arguments; a layout is about 400 bytes a
   * screen).
   */
  static final int LAYOUT_DATA_BUDGET = 256 * 1024;

  public RankLaunch {
    display = display == null ? DisplaySettings.NONE : display;
  }

  public RankLaunch(Path layout, int loops, Path mediaRoot, Path runDir, Path snapshot, boolean warmUp) {
    this(layout, loops, mediaRoot, runDir, snapshot, warmUp, null, null, DisplaySettings.NONE, false);
  }

  public RankLaunch(Path layout, int loops, Path mediaRoot, Path runDir, Path snapshot) {
    this(layout, loops, mediaRoot, runDir, snapshot, false, null, null, DisplaySettings.NONE, false);
  }

  /** The same, with the display settings every rank's player gets. */
  public RankLaunch withDisplay(DisplaySettings settings) {
    return new RankLaunch(layout, loops, mediaRoot, runDir, snapshot, warmUp, earlyPlayer, layoutData, settings, debug);
  }

  /** The same, with verbose player logs and transcripts, or without. */
  public RankLaunch withDebug(boolean verbose) {
    return new RankLaunch(layout, loops, mediaRoot, runDir, snapshot, warmUp, earlyPlayer, layoutData, display, verbose);
  }

  /**
   * The same, carrying {@code wall} (the layout as the controller validated it) for every rank to
   * read instead of the file, when it fits.
   */
  public RankLaunch withLayoutData(Layout wall) {
    String data = LayoutWire.encode(wall);
    boolean fits = (long) data.length() * wall.screens().size() <= LAYOUT_DATA_BUDGET;
    return new RankLaunch(layout, loops, mediaRoot, runDir, snapshot, warmUp, earlyPlayer, fits ? data : null, display,
        debug);
  }

  /** The same, for screen {@code index} of {@code wall}: with its early player when it can have one. */
  public RankLaunch forScreen(Layout wall, int index) {
    Layout withMedia = mediaRoot == null ? wall : wall.withMediaRoot(mediaRoot.toAbsolutePath().toString());
    EarlyPlayer early = warmUp ? null
        : EarlyPlayer.forScreen(withMedia, index, runDir.toAbsolutePath(), display, debug).orElse(null);
    return new RankLaunch(layout, loops, mediaRoot, runDir, snapshot, warmUp, early, layoutData, display, debug);
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
    if (debug) {
      args.add("--debug");
    }
    args.addAll(display.args());
    if (layoutData != null) {
      args.addAll(List.of("--layout-data", layoutData));
    }
    if (earlyPlayer != null) {
      args.add("--early-player");
      args.addAll(earlyPlayer.args());
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
    EarlyPlayer earlyPlayer = null;
    String layoutData = null;
    boolean debug = false;
    DisplaySettings display = DisplaySettings.NONE;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--warm-up")) {
        warmUp = true;
        continue;
      }
      if (option.equals("--debug")) {
        debug = true;
        continue;
      }
      if (option.equals("--early-player")) {
        EarlyPlayer.Parsed parsed = EarlyPlayer.parse(args, i + 1);
        earlyPlayer = parsed.player();
        i = parsed.next() - 1;
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
        case "--layout-data" -> layoutData = value;
        case DisplaySettings.OPTION -> display = display.with(value);
        default -> throw new IllegalArgumentException("unknown rank option " + option);
      }
    }
    if (layout == null || loops == null || runDir == null) {
      throw new IllegalArgumentException("a rank needs --layout, --loops and --run-dir");
    }
    return new RankLaunch(layout, loops, mediaRoot, runDir, snapshot, warmUp, earlyPlayer, layoutData, display, debug);
  }
}
