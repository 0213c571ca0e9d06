package dev.wall.player.cli;

import dev.wall.core.io.RunFolder;
import dev.wall.core.sync.ScreenState;
import dev.wall.player.cli.common.CommonOptions;
import dev.wall.player.cli.common.ExitCodes;
import dev.wall.player.cli.common.Table;
import dev.wall.player.cli.common.WallFailure;
import dev.wall.player.wire.StatusFile;
import dev.wall.player.wire.WallState;
import dev.wall.player.wire.WallStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wall status}: what the running wall is doing, screen by screen, from its status file. The
 * file is read only from a run folder that passes {@link RunFolder#check} (yours alone, not a
 * link), and nothing it holds reaches the terminal as a control character: every text from it is
 * printed with controls replaced ({@link #printable}), and {@code --json} escapes them.
 */
@Command(
    name = "status",
    description =
        "Show the running wall: each screen's state, loop, position, skew, rate, restarts and last"
            + " error; the wall's uptime and job restarts.",
    footer = {
      "",
      "Examples:",
      "  wall status",
      "  wall status --json                      # the status file itself, for scripts",
      "  wall status --run-dir /srv/run          # the wall started with that --run-dir",
      "",
      "Exit codes: 0 a wall is running and up to date, 1 no wall is running (or it has said nothing for "
          + StatusCommand.STALE_SECONDS
          + " s)."
    })
public final class StatusCommand implements Callable<Integer> {
  /** A playing wall writes its status every second; this long without it, something is wrong. */
  static final long STALE_SECONDS = 15;

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

  @Mixin CommonOptions common;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--json", description = "Print the status file as JSON.")
  boolean json;

  @Option(
      names = "--run-dir",
      paramLabel = "DIR",
      description =
          "The run folder of the wall to show (default: as wall play's, $RUNTIME_DIRECTORY,"
              + " $XDG_RUNTIME_DIR/wall, /run/wall for root, else /tmp/wall-USER; then the autostart unit's,"
              + " /run/wall).")
  Path runDir;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    List<Path> folders =
        runDir != null
            ? List.of(runDir)
            : java.util.stream.Stream.of(RunFolder.defaultPath(), UNIT_RUN_FOLDER)
                .distinct()
                .toList();
    Path dir = folders.get(0).toAbsolutePath().normalize();
    Optional<WallState> read = Optional.empty();
    WallFailure refused = null;
    for (Path folder : folders) {
      try {
        Path checked = checked(folder);
        Optional<WallState> found = read(checked);
        if (found.isPresent() && (read.isEmpty() || !StatusFile.writerRunning(read.get()))) {
          read = found;
          dir = checked;
        }
      } catch (java.nio.file.NoSuchFileException e) {
        // No wall has run with this folder.
      } catch (WallFailure e) {
        refused = refused == null ? e : refused;
      }
    }
    if (refused != null && (read.isEmpty() || !StatusFile.writerRunning(read.get()))) {
      throw refused;
    }
    if (read.isEmpty()
        || !StatusFile.writerRunning(read.get())
        || read.get().wall().phase() == WallState.Phase.STOPPED) {
      throw new WallFailure(
          ExitCodes.RUNTIME_FAILURE,
          "no wall is running"
              + read.filter(
                      s ->
                          !StatusFile.writerRunning(s)
                              || s.wall().phase() == WallState.Phase.STOPPED)
                  .map(
                      s ->
                          " (the last one, pid "
                              + s.wall().pid()
                              + ", ended by "
                              + when(s.wall().updatedAt())
                              + ")")
                  .orElse("")
              + " in "
              + dir);
    }
    WallState state = read.get();
    long silent;
    try {
      silent = Duration.between(Instant.parse(state.wall().updatedAt()), Instant.now()).toSeconds();
      if (json) {
        out.println(escapedControls(StatusFile.json(state)));
      } else {
        StringWriter text = new StringWriter();
        render(state, new PrintWriter(text));
        out.print(text);
      }
    } catch (RuntimeException e) {
      throw notTheWalls(dir, e);
    }
    boolean stale = state.wall().phase() == WallState.Phase.PLAYING && silent > STALE_SECONDS;
    out.flush();
    if (stale) {
      throw new WallFailure(
          ExitCodes.RUNTIME_FAILURE,
          "the wall (pid "
              + state.wall().pid()
              + ") has said nothing for "
              + silent
              + " s; it may be hung: see "
              + dir.resolve("mpirun.log"));
    }
    return ExitCodes.OK;
  }

  /**
   * The autostart unit's run folder (its RuntimeDirectory=), where a shell's default is elsewhere.
   */
  static final Path UNIT_RUN_FOLDER = Path.of("/run/wall");

  /**
   * The status file in {@code folder}, if there is one; one the wall cannot have written is
   * refused.
   */
  private static Optional<WallState> read(Path folder) throws IOException {
    try {
      return StatusFile.read(folder);
    } catch (java.nio.file.NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw notTheWalls(folder, e);
    }
  }

  private static WallFailure notTheWalls(Path folder, Exception e) {
    String why = printable(String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    return new WallFailure(
        ExitCodes.RUNTIME_FAILURE,
        "the status file "
            + StatusFile.in(folder)
            + " is not one a wall"
            + " wrote ("
            + (why.length() > 120 ? why.substring(0, 120) + "..." : why)
            + "); remove it, and restart the"
            + " wall if one is playing");
  }

  /** {@code folder}, if it is a run folder of this user's that only they can have written to. */
  private static Path checked(Path folder) throws IOException {
    Path dir = folder.toAbsolutePath().normalize();
    if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      if (owner != RunFolder.ownUid()) {
        String name = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName();
        throw new WallFailure(
            ExitCodes.RUNTIME_FAILURE,
            "run folder "
                + dir
                + " belongs to user "
                + name
                + ", not to you ("
                + System.getProperty("user.name")
                + "): wall status shows only what a wall of yours"
                + " wrote; run it as that user (sudo -u "
                + name
                + " wall status"
                + (folder.equals(UNIT_RUN_FOLDER) ? "" : " --run-dir " + dir)
                + ")");
      }
    }
    try {
      return RunFolder.check(dir);
    } catch (RunFolder.RefusedException e) {
      throw new WallFailure(ExitCodes.RUNTIME_FAILURE, e.getMessage());
    }
  }

  static void render(WallState state, PrintWriter out) {
    WallState.Wall wall = state.wall();
    out.println(
        "wall on " + printable(wall.host()) + ": " + phase(wall) + ", " + printable(wall.layout()));
    out.println(
        "up "
            + uptime(Duration.between(Instant.parse(wall.startedAt()), Instant.now()))
            + (wall.supervised() ? ", supervised (--forever)" : "")
            + ", "
            + wall.jobRestarts()
            + (wall.jobRestarts() == 1 ? " job restart" : " job restarts")
            + (wall.lastRestartAt() == null
                ? ""
                : " (last "
                    + when(wall.lastRestartAt())
                    + ": "
                    + printable(wall.lastRestartCause())
                    + ")"));
    for (String node : wall.waitingFor()) {
      out.println("waiting for " + printable(node));
    }
    if (wall.layoutNotice() != null) {
      out.println(printable(wall.layoutNotice()));
    }
    WallStatus status = state.status();
    if (status == null) {
      return;
    }
    out.println(printable(status.line()));
    out.println();
    List<List<String>> rows = new ArrayList<>();
    rows.add(
        List.of(
            "screen",
            "host",
            "state",
            "loop",
            "position s",
            "skew ms",
            "skew frames",
            "rate",
            "restarts",
            "dropped",
            "last error"));
    for (WallStatus.Screen screen : status.screens()) {
      Double frames = screen.skewFrames(status.frameRate());
      rows.add(
          List.of(
              printable(screen.name()),
              printable(screen.host()),
              screen.stateLabel(),
              screen.state() == ScreenState.PLAYING ? String.valueOf(status.loop()) : "-",
              screen.position() == null ? "-" : format("%.3f", screen.position()),
              screen.skewMillis() == null ? "-" : format("%+.1f", screen.skewMillis()),
              frames == null ? "-" : format("%+.2f", frames),
              format("%.4f", screen.rate()),
              String.valueOf(screen.restarts()),
              String.valueOf(screen.droppedFrames()),
              screen.lastError() == null
                  ? "-"
                  : when(screen.lastErrorAt()) + " " + printable(screen.lastError())));
    }
    out.print(Table.render(rows));
    for (WallStatus.Screen screen : status.screens()) {
      String behind = screen.behindLine();
      if (behind != null) {
        out.println(printable(behind));
      }
    }
  }

  private static String phase(WallState.Wall wall) {
    return switch (wall.phase()) {
      case STARTING -> "starting";
      case PLAYING -> "playing";
      case RESTARTING ->
          "restarting" + (wall.nextStartAt() == null ? "" : " at " + when(wall.nextStartAt()));
      case WAITING_FOR_NODES -> "waiting for every node to answer before it restarts";
      case OFF -> wall.offLabel() == null ? "off (schedule)" : printable(wall.offLabel());
      case STOPPED -> "stopped";
    };
  }

  /**
   * Text from the status file as it may reach a terminal: a line break or tab is a space, and any
   * other control character (C0, DEL, C1: what starts an escape sequence) is a question mark.
   */
  static String printable(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              if (c == '\n' || c == '\r' || c == '\t') {
                out.append(' ');
              } else if (c < 0x20 || c >= 0x7f && c <= 0x9f) {
                out.append('?');
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }

  /** The JSON with DEL and C1 controls escaped too (JSON escapes only C0 by itself). */
  static String escapedControls(String json) {
    StringBuilder out = new StringBuilder(json.length());
    json.chars()
        .forEach(
            c -> {
              if (c >= 0x7f && c <= 0x9f) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
              } else {
                out.append((char) c);
              }
            });
    return out.toString();
  }

  static String uptime(Duration up) {
    long seconds = Math.max(0, up.toSeconds());
    long days = seconds / 86_400;
    String clock =
        String.format(
            Locale.ROOT, "%02d:%02d:%02d", seconds / 3600 % 24, seconds / 60 % 60, seconds % 60);
    return days > 0 ? days + " d " + clock : clock;
  }

  private static String when(String instant) {
    if (instant == null) {
      return "?";
    }
    try {
      return WHEN.format(Instant.parse(instant).atZone(ZoneId.systemDefault()));
    } catch (java.time.format.DateTimeParseException e) {
      return printable(instant);
    }
  }

  private static String format(String pattern, double value) {
    return String.format(Locale.ROOT, pattern, value);
  }
}
