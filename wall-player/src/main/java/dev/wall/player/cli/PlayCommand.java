package dev.wall.player.cli;

import dev.wall.core.io.RunFolder;
import dev.wall.core.layout.InvalidLayoutException;
import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import dev.wall.core.layout.PlayFrom;
import dev.wall.core.schedule.ScheduleClock;
import dev.wall.player.cli.common.BadInputException;
import dev.wall.player.cli.common.CommonOptions;
import dev.wall.player.media.MediaPreparation;
import dev.wall.player.media.MediaPreparer;
import dev.wall.player.media.NodeCache;
import dev.wall.player.media.PreparedMedia;
import dev.wall.player.media.PublishRecord;
import dev.wall.player.media.PublishedMedia;
import dev.wall.player.media.ReloadPublish;
import dev.wall.player.media.TilePlanner;
import dev.wall.player.nodes.Checksums;
import dev.wall.player.nodes.LocalMachine;
import dev.wall.player.nodes.Ssh;
import dev.wall.player.plan.DisplaySettings;
import dev.wall.player.plan.ShowPlan;
import dev.wall.player.show.WallShow;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
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
      "  wall play lobby.json --from-share       # the share's files, not the nodes' caches",
      "",
      "After wall publish, each node plays its own cached copies while they are the clips the",
      "layout plays (the share is then not read during the show); wall play says so in one line,",
      "or why not, and plays from the share.",
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

  @Option(
      names = "--from-share",
      description =
          "Play every clip from the share (mediaRoot), even where wall publish put it in the"
              + " nodes' caches (as a layout with \"playFrom\": \"share\").")
  boolean fromShare;

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

  /** Where clips' digests are cached: the user's cache, or a test's own. */
  java.util.function.Supplier<Checksums> checksums = Checksums::forThisUser;

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
            reloads(loops, env));
    return Outcomes.exitCode(WallShow.play(plan, settings, env, out, err));
  }

  /**
   * The layout file read again with this run's overrides, for a reload; for a wall that plays from
   * the nodes' caches, a changed clip is published to its node first ({@link ReloadPublish}).
   */
  private ShowPlan.Source reloads(Integer loops, Map<String, String> env) {
    return new ShowPlan.Source() {
      @Override
      public ShowPlan read() throws InvalidLayoutException, IOException {
        return plan(new LayoutReader().read(layoutFile), loops, env, null, null);
      }

      @Override
      public boolean needsPrepare(ShowPlan running, ShowPlan next) {
        return !sources && running.prepared() != null && next.prepared() == null;
      }

      @Override
      public ShowPlan prepare(ShowPlan running, ShowPlan next, Consumer<String> progress)
          throws InvalidLayoutException, IOException, InterruptedException {
        Layout now = rooted(new LayoutReader().read(layoutFile));
        Path dir = running.prepared();
        String fix =
            "; run wall media prepare "
                + layoutFile
                + (dir.equals(PreparedMedia.defaultDir(layoutFile, now).toAbsolutePath())
                    ? ""
                    : " --out " + dir)
                + " to see it, fix the clip (re-export it), then save the layout again or run wall"
                + " ctl reload";
        MediaPreparation preparation =
            new MediaPreparation(checksums.get(), MediaPreparation.overSsh());
        try {
          MediaPreparation.Work work = preparation.again(layoutFile, now, dir);
          preparation.encode(
              work,
              MediaPreparation.oneEncodePerCore(),
              MediaPreparation.playedFrom(running.layoutOnShare(), dir),
              MediaPreparation.counting(work.jobs().size(), progress));
        } catch (TilePlanner.Refused e) {
          throw new IOException("its new clips could not be prepared: " + e.getMessage(), e);
        } catch (MediaPreparer.EncodeFailed e) {
          throw new IOException("its new clips could not be prepared: " + e.getMessage() + fix, e);
        } catch (MediaPreparation.BoardUnknown e) {
          throw new IOException("its new clips could not be prepared: " + e.getMessage(), e);
        }
        ShowPlan prepared = read();
        if (prepared.prepared() == null) {
          throw new IOException(
              "its clips were prepared in "
                  + dir
                  + ", but they do not hold for the layout as it is now (did it change"
                  + " meanwhile?)"
                  + fix);
        }
        return prepared;
      }

      @Override
      public boolean needsPublish(ShowPlan running, ShowPlan next) {
        return !fromShare
            && running.caches() != null
            && next.caches() == null
            && next.layout().playFrom() == PlayFrom.CACHE;
      }

      @Override
      public ShowPlan publish(ShowPlan running, ShowPlan next)
          throws InvalidLayoutException, IOException {
        Ssh ssh = Ssh.forThisUser();
        List<String> strict = List.of("-o", "StrictHostKeyChecking=yes");
        LocalMachine local = LocalMachine.detect();
        ReloadPublish.Outcome outcome =
            new ReloadPublish(
                    (host, dir) -> new NodeCache(host, local.isThisMachine(host), ssh, strict, dir),
                    dev.wall.player.players.Executables.installed("rsync")
                        ? ssh.rsyncShell(Duration.ofSeconds(10), strict)
                        : java.util.Optional.empty(),
                    checksums.get())
                .publish(
                    running.layout(),
                    next.layout(),
                    running.caches().record(),
                    layoutFile.toString(),
                    next.prepared() == null ? "sources" : next.prepared().toString());
        if (!outcome.ok()) {
          throw new IOException(
              "its new clips did not reach every node: " + String.join("; ", outcome.failures()));
        }
        ShowPlan published = read();
        if (published.caches() == null) {
          throw new IOException(
              "its clips were published, but the publish record does not hold for it; run wall"
                  + " publish "
                  + layoutFile
                  + " and wall ctl reload");
        }
        return published;
      }
    };
  }

  /**
   * The layout file as this run plays it ({@code layout}, as read from it): its prepared clips
   * where they are up to date, each node's cached copies where they are the clips published, and
   * this run's overrides. Read at the start, and again for each reload (then {@code out} and {@code
   * err} are null: the wall says how the reload went).
   */
  ShowPlan plan(
      Layout layout, Integer loops, Map<String, String> env, PrintWriter out, PrintWriter err)
      throws IOException {
    Layout rooted = rooted(layout);
    Checksums checksums = this.checksums.get();
    Path preparedDir = null;
    if (!sources) {
      PreparedMedia.Choice choice =
          PreparedMedia.choose(
              rooted,
              prepared == null ? PreparedMedia.defaultDir(layoutFile, rooted) : prepared,
              layoutFile.toString(),
              checksums);
      say(choice.line(), choice.used(), out, err);
      layout = choice.layout();
      preparedDir = choice.used() ? choice.dir() : null;
    }
    PublishedMedia.Choice cached = null;
    if (!fromShare && rooted.playFrom() == PlayFrom.CACHE) {
      // The clips as they would play from the share, prepared ones put in: their digests were
      // just taken (or cached), so comparing them with the record reads nothing more.
      cached =
          PublishedMedia.choose(
              preparedDir == null ? rooted : layout,
              PublishRecord.defaultFile(layoutFile, rooted),
              layoutFile.toString(),
              checksums);
      say(cached.line(), cached.used(), out, err);
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
    if (preparedDir != null) {
      plan = plan.withPrepared(preparedDir);
    }
    if (cached != null && cached.used()) {
      plan = plan.withCaches(cached.file(), PublishedMedia.assign(plan.layout(), cached.record()));
    }
    return plan;
  }

  /** {@code layout} with this run's --media-root. */
  private Layout rooted(Layout layout) {
    return mediaRoot == null ? layout : layout.withMediaRoot(mediaRoot.toAbsolutePath().toString());
  }

  /** What was chosen: on standard output unless quiet, or, where it fell back, why, on errors. */
  private void say(String line, boolean used, PrintWriter out, PrintWriter err) {
    if (line != null && !used && err != null) {
      err.println(line);
    } else if (line != null && used && !quiet && out != null) {
      out.println(line);
    }
  }
}
