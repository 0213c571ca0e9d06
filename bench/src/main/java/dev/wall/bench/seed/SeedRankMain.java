package dev.wall.bench.seed;

import dev.wall.bench.wall.BenchLayout;
import dev.wall.core.layout.InvalidLayoutException;
import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import dev.wall.core.layout.Screen;
import dev.wall.player.mpi.MpiCommunicator;
import dev.wall.player.process.ChildProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The seed tutorial's method, for comparison (case 1): its loop, with mpv for omxplayer. Every
 * loop, all ranks meet at a barrier, then each spawns its player un-paused and waits for it to exit
 * at the end of the clip. Same windows, titles and media as {@code wall play}; no preroll, no held
 * frame, no drift correction. Runs until mpirun is stopped.
 *
 * <p>Usage (under mpirun, one rank per screen): {@code SeedRankMain LAYOUT RUN_DIR}; each player's
 * output goes to {@code RUN_DIR/NAME.mpv.log}.
 */
public final class SeedRankMain {
  private static final Duration CLIP_TIMEOUT = Duration.ofMinutes(10);

  private SeedRankMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Layout layout;
    try {
      layout = new LayoutReader().read(Path.of(args[0]));
    } catch (InvalidLayoutException e) {
      e.problems().forEach(p -> System.out.println("failed: " + p.line()));
      System.exit(2);
      return;
    }
    try (MpiCommunicator comm = MpiCommunicator.init(new String[0])) {
      Screen screen = layout.screen(comm.rank());
      List<String> argv = mpvArgv(screen, layout.clips(screen).get(0));
      Path log = Path.of(args[1]).resolve(screen.name() + ".mpv.log");
      for (int loop = 1; ; loop++) {
        comm.barrier(CLIP_TIMEOUT.plusSeconds(30));
        try (ChildProcess mpv = ChildProcess.start("mpv " + screen.name(), argv, log, Map.of())) {
          if (mpv.waitFor(CLIP_TIMEOUT).isEmpty()) {
            System.out.println(
                "failed: screen " + screen.name() + ": loop " + loop + " did not end");
            System.exit(1);
          }
        }
      }
    }
  }

  /**
   * mpv as {@code wall play} places it (window, title, no decorations), minus the sync machinery.
   */
  static List<String> mpvArgv(Screen screen, Path media) {
    return List.of(
        "mpv",
        "--no-config",
        "--no-osc",
        "--osd-level=0",
        "--no-input-default-bindings",
        "--no-terminal",
        "--keepaspect=no",
        "--cursor-autohide=always",
        "--title=wall:" + screen.name(),
        "--geometry=" + screen.window().geometry(),
        "--no-border",
        "--screen=" + screen.output(),
        "--audio=no",
        BenchLayout.X11_OUTPUT,
        "--",
        media.toString());
  }
}
