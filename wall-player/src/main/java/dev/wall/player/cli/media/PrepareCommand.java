package dev.wall.player.cli.media;

import dev.wall.core.layout.InvalidLayoutException;
import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import dev.wall.core.layout.Size;
import dev.wall.player.cli.common.BadInputException;
import dev.wall.player.cli.common.CommonOptions;
import dev.wall.player.cli.common.ExitCodes;
import dev.wall.player.cli.common.WallFailure;
import dev.wall.player.media.MediaPreparation;
import dev.wall.player.media.MediaPreparer;
import dev.wall.player.media.PreparedMedia;
import dev.wall.player.media.TilePlanner;
import dev.wall.player.nodes.Checksums;
import dev.wall.player.players.Board;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wall media prepare LAYOUT}: each screen's own clip, cut from the span (or its own clip
 * scaled where needed) and encoded for the decoder of the node that plays it.
 */
@Command(
    name = "prepare",
    description =
        "Make, for each screen, the clip its node should decode: the span cut to the screen's"
            + " region (bezels left out) and scaled to the screen, or its own clip scaled where it"
            + " is larger; H.264 for a PC and for a Pi 4 up to 1080p, HEVC for a Pi 5 and above;"
            + " one frame rate, frame count and key frame spacing on every screen; sound only"
            + " where the screen has it. wall play then plays them.",
    footer = {
      "",
      "Examples:",
      "  wall media prepare /srv/wall/lobby.json",
      "  wall media prepare lobby.json --board rpi1=pi5 --board rpi2=pi4",
      "  wall media prepare lobby.json --screen-size 3840x2160",
      "",
      "The files and their manifest (each file's SHA-256) go to mediaRoot/prepared/NAME (NAME: the",
      "layout's file name without .json), where every node reads them and wall play finds them.",
      "A file whose source and settings have not changed is not encoded again.",
      "Each node's board is --board's, else the layout's \"board\" for its screens, else read from",
      "the node over ssh (as wall doctor reads it).",
      "Exit codes: 0 every file is ready, 1 an encode or a node failed, 2 bad input."
    })
public final class PrepareCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "LAYOUT", description = "The layout file (JSON).")
  Path layoutFile;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Put the files in DIR instead of mediaRoot/prepared/NAME (wall play then needs"
              + " --prepared DIR).")
  Path out;

  @Option(
      names = "--board",
      paramLabel = "HOST=MODEL",
      description =
          "What HOST is, instead of asking it: pi4, pi5 or pc (or its device tree model, such as"
              + " \"Raspberry Pi 5 Model B Rev 1.0\"). Repeatable.")
  List<String> boardOptions = List.of();

  @Option(
      names = "--screen-size",
      paramLabel = "WxH",
      description = "The pixels of a screen without a \"window\" (full screen), default 1920x1080.")
  String screenSize = "1920x1080";

  @Option(
      names = "--jobs",
      paramLabel = "N",
      description = "Encodes at once, default one per core of this machine.")
  Integer jobs;

  @Override
  public Integer call() throws InvalidLayoutException, IOException, InterruptedException {
    Layout layout = new LayoutReader().read(layoutFile);
    Size fullScreen = size(screenSize);
    Map<String, Board> given = boards(layout);
    Path dir =
        (out == null ? PreparedMedia.defaultDir(layoutFile, layout) : out)
            .toAbsolutePath()
            .normalize();
    MediaPreparation preparation =
        new MediaPreparation(Checksums.forThisUser(), MediaPreparation.overSsh());
    MediaPreparation.Work work;
    try {
      work = preparation.plan(layoutFile, layout, dir, given, fullScreen);
    } catch (TilePlanner.Refused e) {
      throw new BadInputException(e.getMessage());
    } catch (MediaPreparation.BoardUnknown e) {
      throw new WallFailure(ExitCodes.RUNTIME_FAILURE, e.getMessage());
    }
    PrintWriter stdout = spec.commandLine().getOut();
    int encoders = jobs != null ? jobs : MediaPreparation.oneEncodePerCore();
    if (encoders < 1) {
      throw new BadInputException("--jobs must be 1 or more, got " + encoders);
    }
    stdout.printf(
        Locale.ROOT,
        "wall media prepare: %s: %d files for %d screens into %s, %d encodes at a time%n",
        layoutFile,
        work.jobs().size(),
        layout.screens().size(),
        dir,
        encoders);
    stdout.flush();
    long started = System.nanoTime();
    PrepareProgress progress =
        new PrepareProgress(stdout, System.console() != null, layout.hasPlaylist(), dir);
    MediaPreparer.Result result;
    try {
      result = preparation.encode(work, encoders, Set.of(), progress);
    } catch (MediaPreparer.EncodeFailed e) {
      progress.finish();
      throw new WallFailure(ExitCodes.RUNTIME_FAILURE, e.getMessage());
    }
    progress.finish();
    stdout.printf(
        Locale.ROOT,
        "wall media prepare: %d encoded, %d unchanged, in %.1f s; manifest %s%n",
        result.encoded(),
        result.unchanged(),
        (System.nanoTime() - started) / 1e9,
        dir.resolve(dev.wall.player.media.Manifest.FILE_NAME));
    if (out != null && !dir.equals(PreparedMedia.defaultDir(layoutFile, layout))) {
      stdout.println("wall media prepare: wall play finds these files with --prepared " + dir + "");
    }
    stdout.flush();
    return ExitCodes.OK;
  }

  static Size size(String text) {
    return MediaPreparation.size(text)
        .orElseThrow(
            () ->
                new BadInputException(
                    "--screen-size "
                        + text
                        + " is not WIDTHxHEIGHT in pixels (2 to 16384), such as 1920x1080"));
  }

  /** The boards --board says; the rest are the layout's, or asked of the nodes. */
  private Map<String, Board> boards(Layout layout) {
    Map<String, Board> boards = new LinkedHashMap<>();
    for (String option : boardOptions) {
      int eq = option.indexOf('=');
      if (eq <= 0 || eq == option.length() - 1) {
        throw new BadInputException(
            "--board " + option + " is not HOST=MODEL; say, for example, --board rpi1=pi5");
      }
      String host = option.substring(0, eq);
      if (!layout.hosts().contains(host)) {
        throw new BadInputException(
            "--board "
                + option
                + ": no screen of "
                + layoutFile
                + " is on "
                + host
                + "; its hosts are "
                + String.join(", ", layout.hosts()));
      }
      boards.put(host, board(option.substring(eq + 1)));
    }
    return boards;
  }

  static Board board(String model) {
    return switch (model.toLowerCase(Locale.ROOT)) {
      case "pi4" -> Board.of(dev.wall.core.layout.BoardKind.PI4);
      case "pi5" -> Board.of(dev.wall.core.layout.BoardKind.PI5);
      case "pc", "other" -> Board.of(dev.wall.core.layout.BoardKind.PC);
      default -> {
        if (!model.startsWith("Raspberry Pi")) {
          throw new BadInputException(
              "--board: "
                  + model
                  + " is not a board wall knows; say pi4, pi5 or pc, or a Raspberry Pi's"
                  + " model as /proc/device-tree/model gives it");
        }
        yield new Board(model, 0);
      }
    };
  }
}
