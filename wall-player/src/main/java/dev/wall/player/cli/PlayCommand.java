package dev.wall.player.cli;

import dev.wall.core.io.RunFolder;
import dev.wall.core.layout.InvalidLayoutException;
import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import dev.wall.core.schedule.ScheduleClock;
import dev.wall.player.cli.common.BadInputException;
import dev.wall.player.cli.common.CommonOptions;
import dev.wall.player.media.PreparedMedia;
import dev.wall.player.nodes.Checksums;
import dev.wall.player.plan.DisplaySettings;
import dev.wall.player.plan.ShowPlan;
import dev.wall.player.show.WallShow;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wall play LAYOUT}: the controller starts one rank per screen under mpirun and waits. */
@Command(
    name = "play",
    description = "Play the wall: one MPI rank per screen, in lockstep, loop after loop.",
    footer = {
      "",
      "Examples:",
      "  wall play /srv/wall/lobby.json",
      "  wall play lobby.json --loops 3          # this run only; the file keeps its count",
      "  wall play lobby.json --forever          # restarted whenever a rank or node is lost",
      "  wall play lobby.json --forever --status-port 8080   # the status page, on this machine only",
      "  wall play lobby.json --forever --status-port 8080 --control --osc-port 9000 --osc-allow 192.168.1.0/24",
      "                                          # show control over HTTP and OSC (key: wall ctl --new-key)",
      "",
      "--forever, or a layout with \"loops\": 0, plays under a supervisor: a player that fails is",
      "replaced in place, and a lost rank or node ends one run of the wall, which is started again",
      "(after 1, 2, 4 ... 60 s, once every node answers). wall status shows how it goes.",
      "",
      "A playlist's item k must be as long on every screen (within a frame), unless the layout",
      "says \"unevenItems\": \"hold\"; wall play reads the clips with ffprobe to check.",
      "",
      "Exit codes: 0 every loop played, 1 a screen failed, 2 bad input, 3 a node or rank was lost,",
      "130 stopped by Ctrl-C (SIGINT), 143 stopped by SIGTERM; every rank and player is stopped first."
    })
public final class PlayCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Mixin ShowOptions show;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "LAYOUT", description = "The layout file (JSON).")
  Path layoutFile;

  @ArgGroup(exclusive = true)
  LoopCount loopCount;

  static final class LoopCount {
    @Option(
        names = "--loops",
        paramLabel = "N",
        description = "Play N loops this run, overriding the layout.")
    Integer loops;

    @Option(
        names = "--forever",
        description =
            "Loop until stopped (same as --loops 0), restarting the wall whenever a rank or node is lost.")
    boolean forever;
  }

  @Option(
      names = "--media-root",
      paramLabel = "DIR",
      description = "Use DIR instead of the layout's mediaRoot (on every node).")
  Path mediaRoot;

  @Option(
      names = "--run-dir",
      paramLabel = "DIR",
      description =
          "Each node's folder for hostfile, status, sockets and player logs, yours alone (default:"
              + " $RUNTIME_DIRECTORY under a unit with RuntimeDirectory=, $XDG_RUNTIME_DIR/wall, /run/wall for root,"
              + " else /tmp/wall-USER).")
  Path runDir;

  @Option(
      names = "--snapshot",
      paramLabel = "PNG",
      description = "After the last loop, rank 0 saves a picture of its display to PNG.")
  Path snapshot;

  @Option(
      names = "--display",
      paramLabel = "DISPLAY",
      description =
          "The X display every rank plays on, instead of $DISPLAY (a Pi's desktop is :0).")
  String display;

  @Option(
      names = "--report",
      paramLabel = "FILE.jsonl",
      description =
          "Append each loop's figures, per loop and per screen, to FILE.jsonl: one JSON line per loop,"
              + " rotated past 4 MB (FILE.jsonl.1 ... .3).")
  Path reportFile;

  @Option(
      names = "--prepared",
      paramLabel = "DIR",
      description =
          "Play the clips wall media prepare made in DIR (default: mediaRoot/prepared/NAME, NAME"
              + " the layout's file name without .json), when they still match the layout.")
  Path prepared;

  @Option(
      names = "--sources",
      description = "Play the layout's own clips, even where prepared ones match.")
  boolean sources;

  @Option(names = "--quiet", description = "Print nothing but failures.")
  boolean quiet;

  @Option(
      names = "--debug",
      description =
          "Verbose player logs (mpv's own --log-file) and control transcripts, in each node's run folder;"
              + " for diagnosing: they grow faster.")
  boolean debug;

  @Option(
      names = "--warm-up",
      description =
          "Only record what makes the ranks start fast on this machine (a class-data archive,"
              + " once per install), then exit without playing.")
  boolean warmUp;

  @Override
  public Integer call() throws InvalidLayoutException, IOException {
    Layout read = new LayoutReader().read(layoutFile);
    Integer loops =
        loopCount == null ? null : loopCount.forever ? Integer.valueOf(0) : loopCount.loops;
    if (loops != null && loops < 0) {
      throw new BadInputException("--loops must be 0 (forever) or more, got " + loops);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Map<String, String> env = System.getenv();
    // Bad show options are bad input, told before anything starts.
    ScheduleClock clock = show.clock(read);
    InetAddress statusAddress = show.statusAddress();
    var control = show.control();
    ShowPlan plan = plan(read, loops, env, out, err);
    WallShow.Settings settings =
        new WallShow.Settings(
            reportFile,
            quiet,
            System.console() != null,
            clock,
            statusAddress,
            show.statusPort == null ? 0 : show.statusPort,
            warmUp,
            control,
            () -> plan(new LayoutReader().read(layoutFile), loops, env, null, null));
    return Outcomes.exitCode(WallShow.play(plan, settings, env, out, err));
  }

  /**
   * The layout file as this run plays it ({@code layout}, as read from it): its prepared clips
   * where they are up to date, and this run's overrides. Read at the start, and again for each
   * reload (then {@code out} and {@code err} are null: the wall says how the reload went).
   */
  private ShowPlan plan(
      Layout layout, Integer loops, Map<String, String> env, PrintWriter out, PrintWriter err)
      throws IOException {
    Path preparedDir = null;
    if (!sources) {
      Layout rooted =
          mediaRoot == null ? layout : layout.withMediaRoot(mediaRoot.toAbsolutePath().toString());
      PreparedMedia.Choice choice =
          PreparedMedia.choose(
              rooted,
              prepared == null ? PreparedMedia.defaultDir(layoutFile, rooted) : prepared,
              layoutFile.toString(),
              Checksums.forThisUser());
      if (choice.line() != null && !choice.used() && err != null) {
        err.println(choice.line());
      } else if (choice.line() != null && !quiet && out != null) {
        out.println(choice.line());
      }
      layout = choice.layout();
      preparedDir = choice.used() ? choice.dir() : null;
    }
    ShowPlan plan =
        ShowPlan.resolve(
            layoutFile,
            layout,
            loops,
            mediaRoot,
            runDir == null ? RunFolder.defaultPath() : runDir,
            DisplaySettings.from(env, display),
            debug,
            snapshot);
    return preparedDir == null ? plan : plan.withPrepared(preparedDir);
  }
}
