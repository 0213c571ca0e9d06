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

/** {@code wall status}: what the running wall is doing, screen by screen, from its status file. */
@Command(
    name = "status",
    description = "Show the running wall: each screen's state, loop, position, skew, rate, restarts and last"
        + " error; the wall's uptime and job restarts.",
    footer = {
      "",
      "Examples:",
      "  wall status",
      "  wall status --json                      # the status file itself, for scripts",
      "  wall status --run-dir /run/wall         # the wall started with that --run-dir",
      "",
      "Exit codes: 0 a wall is running and up to date, 1 no wall is running (or it has said nothing for "
          + StatusCommand.STALE_SECONDS + " s)."
    })
public final class StatusCommand implements Callable<Integer> {
  /** A playing wall writes its status every second; this long without it, something is wrong. */
  static final long STALE_SECONDS = 15;
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

  @Mixin CommonOptions common;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--json", description = "Print the status file as JSON.")
  boolean json;

  @Option(names = "--run-dir", paramLabel = "DIR",
      description = "The run folder of the wall to show (default: as wall play's: $XDG_RUNTIME_DIR/wall,"
          + " /run/wall for root, else /tmp/wall-USER).")
  Path runDir;

  @Override
  public Integer call() throws IOException {
    Path dir = runDir == null ? RunFolder.defaultPath() : runDir;
    PrintWriter out = spec.commandLine().getOut();
    Optional<WallState> read = StatusFile.read(dir);
    if (read.isEmpty() || !StatusFile.writerRunning(read.get())
        || read.get().wall().phase() == WallState.Phase.STOPPED) {
      throw new WallFailure(ExitCodes.RUNTIME_FAILURE, "no wall is running" + read
          .filter(s -> !StatusFile.writerRunning(s) || s.wall().phase() == WallState.Phase.STOPPED)
          .map(s -> " (the last one, pid " + s.wall().pid() + ", ended by " + when(s.wall().updatedAt()) + ")")
          .orElse("") + " in " + dir);
    }
    WallState state = read.get();
    long silent = Duration.between(Instant.parse(state.wall().updatedAt()), Instant.now()).toSeconds();
    boolean stale = state.wall().phase() == WallState.Phase.PLAYING && silent > STALE_SECONDS;
    if (json) {
      out.println(StatusFile.json(state));
    } else {
      render(state, out);
    }
    out.flush();
    if (stale) {
      throw new WallFailure(ExitCodes.RUNTIME_FAILURE, "the wall (pid " + state.wall().pid() + ") has said nothing for "
          + silent + " s; it may be hung: see " + dir.resolve("mpirun.log"));
    }
    return ExitCodes.OK;
  }

  static void render(WallState state, PrintWriter out) {
    WallState.Wall wall = state.wall();
    out.println("wall on " + wall.host() + ": " + phase(wall) + ", " + wall.layout());
    out.println("up " + uptime(Duration.between(Instant.parse(wall.startedAt()), Instant.now()))
        + (wall.supervised() ? ", supervised (--forever)" : "") + ", " + wall.jobRestarts()
        + (wall.jobRestarts() == 1 ? " job restart" : " job restarts")
        + (wall.lastRestartAt() == null ? "" : " (last " + when(wall.lastRestartAt()) + ": " + wall.lastRestartCause() + ")"));
    for (String node : wall.waitingFor()) {
      out.println("waiting for " + node);
    }
    WallStatus status = state.status();
    if (status == null) {
      return;
    }
    out.println(status.line());
    out.println();
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("screen", "host", "state", "loop", "position s", "skew ms", "skew frames", "rate", "restarts",
        "last error"));
    for (WallStatus.Screen screen : status.screens()) {
      Double frames = screen.skewFrames(status.frameRate());
      rows.add(List.of(screen.name(), screen.host(), screen.state().label(),
          screen.state() == ScreenState.PLAYING ? String.valueOf(status.loop()) : "-",
          screen.position() == null ? "-" : format("%.3f", screen.position()),
          screen.skewMillis() == null ? "-" : format("%+.1f", screen.skewMillis()),
          frames == null ? "-" : format("%+.2f", frames),
          format("%.4f", screen.rate()), String.valueOf(screen.restarts()),
          screen.lastError() == null ? "-" : when(screen.lastErrorAt()) + " " + screen.lastError()));
    }
    out.print(Table.render(rows));
  }

  private static String phase(WallState.Wall wall) {
    return switch (wall.phase()) {
      case STARTING -> "starting";
      case PLAYING -> "playing";
      case RESTARTING -> "restarting" + (wall.nextStartAt() == null ? "" : " at " + when(wall.nextStartAt()));
      case WAITING_FOR_NODES -> "waiting for every node to answer before it restarts";
      case OFF -> wall.offLabel() == null ? "off (schedule)" : wall.offLabel();
      case STOPPED -> "stopped";
    };
  }

  static String uptime(Duration up) {
    long seconds = Math.max(0, up.toSeconds());
    long days = seconds / 86_400;
    String clock = String.format(Locale.ROOT, "%02d:%02d:%02d", seconds / 3600 % 24, seconds / 60 % 60, seconds % 60);
    return days > 0 ? days + " d " + clock : clock;
  }

  private static String when(String instant) {
    if (instant == null) {
      return "?";
    }
    return WHEN.format(Instant.parse(instant).atZone(ZoneId.systemDefault()));
  }

  private static String format(String pattern, double value) {
    return String.format(Locale.ROOT, pattern, value);
  }
}
