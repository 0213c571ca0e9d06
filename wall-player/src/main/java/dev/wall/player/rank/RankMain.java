package dev.wall.player.rank;

import dev.wall.core.io.RunFolder;
import dev.wall.core.layout.InvalidLayoutException;
import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import dev.wall.core.layout.LayoutWire;
import dev.wall.core.layout.Rect;
import dev.wall.core.layout.Screen;
import dev.wall.player.backend.BlankScreen;
import dev.wall.player.backend.Player;
import dev.wall.player.backend.PlayerFactory;
import dev.wall.player.backend.PlayerSpec;
import dev.wall.player.backend.mpv.MpvPlayer;
import dev.wall.player.display.Screenshot;
import dev.wall.player.display.XWindows;
import dev.wall.core.comm.CollectiveTimeout;
import dev.wall.player.mpi.MpiCommunicator;
import dev.wall.player.nodes.RunRecord;
import dev.wall.player.process.ChildProcess;
import dev.wall.player.wire.EarlyPlayer;
import dev.wall.player.wire.LoopReport;
import dev.wall.player.wire.RankExit;
import dev.wall.player.wire.RankLaunch;
import dev.wall.player.wire.RankMessage;
import dev.wall.player.wire.WallStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What mpirun starts on every node: one rank, driving {@code screens[rank]}. Rank 0 prints one
 * line per loop, and one {@code failed: } line per failed screen, for the controller to relay.
 */
public final class RankMain {
  private final Path layoutFile;
  private final int loops;
  private final Path mediaRoot;
  private Path runDir;
  private final Path snapshot;
  private final boolean warmUp;
  private EarlyPlayer earlyPlayer;
  private final String layoutData;
  private final boolean debug;
  /** What every player of this rank gets in its environment: where it draws. */
  private final Map<String, String> playerEnvironment;
  /** The player started before the layout was read, until a player takes it over. */
  private ChildProcess early;

  private RankMain(RankLaunch launch) {
    this.layoutFile = launch.layout();
    this.loops = launch.loops();
    this.mediaRoot = launch.mediaRoot();
    this.runDir = launch.runDir();
    this.snapshot = launch.snapshot();
    this.warmUp = launch.warmUp();
    this.earlyPlayer = launch.earlyPlayer();
    this.layoutData = launch.layoutData();
    this.debug = launch.debug();
    this.playerEnvironment = PlayerEnvironment.of(launch.display(), System.getenv());
  }

  /** Set by Open MPI's launcher in every process it starts. */
  static final String RANK_VARIABLE = "OMPI_COMM_WORLD_RANK";
  /** Made at the first report, not at start-up, when every millisecond of CPU is the screens'. */
  private static final class Json {
    static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();
  }
  private final PrintStream out = System.out;

  public static void main(String[] args) throws IOException {
    RankLaunch launch;
    try {
      launch = RankLaunch.parse(args);
    } catch (IllegalArgumentException e) {
      System.out.println(new RankMessage.Failure("wall-rank: " + e.getMessage()).encode());
      System.exit(RankExit.BAD_LAUNCH);
      return;
    }
    System.exit(new RankMain(launch).run());
  }

  private int run() throws IOException {
    Path asked = runDir.toAbsolutePath();
    if (!prepareRunFolder() && earlyPlayer != null) {
      earlyPlayer = earlyPlayer.movedTo(EarlyPlayer.screensDir(asked), EarlyPlayer.screensDir(runDir));
    }
    if (earlyPlayer != null && !warmUp) {
      early = earlyPlayer.start(playerEnvironment).orElse(null);
    }
    Layout layout;
    try {
      layout = readLayout();
    } catch (InvalidLayoutException e) {
      handOverEarly(null);
      e.problems().forEach(p -> send(new RankMessage.Failure(p.line())));
      return RankExit.BAD_LAUNCH;
    }
    if (mediaRoot != null) {
      layout = layout.withMediaRoot(mediaRoot.toString());
    }
    if (warmUp) {
      return warmUp(layout);
    }
    // mpirun tells each process its rank before MPI_Init, so the player can start meanwhile.
    String rankFromLauncher = System.getenv(RANK_VARIABLE);
    PlayerStart player = startPlayer(layout, rankFromLauncher);
    RunRecord record = keepRecord(layout, rankFromLauncher);
    MpiCommunicator comm;
    try {
      comm = MpiCommunicator.init(new String[0]);
    } catch (NoClassDefFoundError | UnsatisfiedLinkError e) {
      handOverEarly(null);
      send(new RankMessage.Failure(whereAmI(layout, rankFromLauncher) + ": Open MPI's Java bindings are missing or"
          + " broken on this node (" + e + "); install the same wall and Open MPI as on the controller (run"
          + " bin/bootstrap there), then wall doctor"));
      return RankExit.ABORTED;
    }
    try (comm) {
      if (player == null) {
        player = startPlayer(layout, String.valueOf(comm.rank()));
      }
      if (record == null) {
        record = keepRecord(layout, String.valueOf(comm.rank()));
      }
      int code = play(layout, comm, player);
      if (code != RankExit.LOST && record != null) {
        record.remove();
      }
      return code;
    }
  }

  /** This rank's PID file on its node, for the next start to clear what a lost run leaves behind. */
  private RunRecord keepRecord(Layout layout, String rank) {
    if (rank == null || !rank.matches("\\d+") || Integer.parseInt(rank) >= layout.screens().size()) {
      return null;
    }
    int index = Integer.parseInt(rank);
    return RunRecord.keepForRank(runDir, layout.screen(index).host(), index);
  }

  private static String whereAmI(Layout layout, String rank) {
    if (rank == null || !rank.matches("\\d+") || Integer.parseInt(rank) >= layout.screens().size()) {
      return "a rank";
    }
    Screen screen = layout.screen(Integer.parseInt(rank));
    return "screen " + screen.name() + " on " + screen.host();
  }

  /**
   * This node's run folder, ours alone ({@link RunFolder}): the one the controller named, or where
   * that cannot be (it cannot be made here, or is not ours), this node's default. True for the
   * first. Only a folder that is there but refused is worth a word: one that cannot be made here is
   * the usual case of a controller under the autostart unit, whose /run/wall systemd made for it.
   */
  private boolean prepareRunFolder() throws IOException {
    try {
      runDir = RunFolder.prepare(runDir);
      return true;
    } catch (IOException e) {
      Path fallback = RunFolder.prepare(RunFolder.defaultPath());
      if (e instanceof RunFolder.RefusedException) {
        send(new RankMessage.Console("wall-rank: run folder " + runDir + " cannot be used on this node ("
            + e.getMessage() + "); using " + fallback));
      }
      runDir = fallback;
      return false;
    }
  }

  /** The controller's validated layout when it sent one; else the file, read and validated here. */
  private Layout readLayout() throws InvalidLayoutException, IOException {
    if (layoutData != null) {
      try {
        return LayoutWire.decode(layoutData);
      } catch (IllegalArgumentException e) {
        // A controller of another version: the file says the same.
      }
    }
    return new LayoutReader().read(layoutFile);
  }

  /** Runs what a rank runs, short of MPI and a player, so {@code -XX:ArchiveClassesAtExit} records it. */
  private int warmUp(Layout layout) throws IOException {
    RankWarmUp.run(layout, layoutFile, runDir);
    Screen screen = layout.screen(0);
    Json.MAPPER.writeValueAsString(new LoopReport(1, 1, 1, 0, 30, 0, 0,
        java.util.List.of(new LoopReport.ScreenLoop(screen.name(), screen.host(), 1, 1, 0, 0, "playing", 0))));
    new WallStatus(1, 1, 0, 0, 30, java.util.List.of()).toJson();
    return 0;
  }

  private PlayerStart startPlayer(Layout layout, String rank) {
    if (rank == null || !rank.matches("\\d+") || Integer.parseInt(rank) >= layout.screens().size()) {
      return null;
    }
    Screen screen = layout.screen(Integer.parseInt(rank));
    return PlayerStart.begin(() -> {
      try {
        return handOverEarly(newPlayer(layout, screen));
      } catch (RuntimeException e) {
        handOverEarly(null);
        throw e;
      }
    }, WallRank.PREPARE_TIMEOUT);
  }

  /**
   * Gives the early mpv to the player, which takes it only if it is the one it would start; with
   * no mpv player (or none at all, after a failure) it is stopped.
   */
  private synchronized Player handOverEarly(Player player) {
    ChildProcess started = early;
    early = null;
    if (started != null) {
      if (player instanceof MpvPlayer mpv) {
        mpv.adopt(started, earlyPlayer.argv());
      } else {
        started.stop(Duration.ofSeconds(1));
      }
    }
    return player;
  }

  private int play(Layout wall, MpiCommunicator comm, PlayerStart player) {
    Screen screen = wall.screen(comm.rank());
    WallRank rank = new WallRank(comm, wall, loops, player, listener(), WallRank.ROUND_INTERVAL, screen.host(),
        recovery(wall, screen));
    try {
      rank.run(snapshot == null || !comm.isRoot() ? null : this::takeSnapshot);
      // The wall played to the end; a screen not playing by then is still a failure to report.
      rank.failedAtTheEnd().forEach(line -> send(new RankMessage.Failure(line)));
      return RankExit.OK;
    } catch (WallAbortedException e) {
      if (comm.isRoot()) {
        e.getMessage().lines().forEach(line -> send(new RankMessage.Failure(line)));
      }
      return RankExit.ABORTED;
    } catch (CollectiveTimeout e) {
      send(new RankMessage.Lost(comm.rank(), e.missing(), e.collective(), e.within().toMillis()));
      return RankExit.LOST;
    }
  }

  /** How this rank replaces its screen's player when it fails: a new one from the layout, as the first. */
  private WallRank.Recovery recovery(Layout wall, Screen screen) {
    return new WallRank.Recovery(() -> newPlayer(wall, screen), () -> BlankScreen.show(spec(wall, screen)).orElse(null));
  }

  private Player newPlayer(Layout wall, Screen screen) {
    return PlayerFactory.create(spec(wall, screen), wall.player(), true);
  }

  /** This screen's player, drawing where the controller said ({@link PlayerEnvironment}). */
  private PlayerSpec spec(Layout wall, Screen screen) {
    return PlayerFactory.spec(wall, screen, EarlyPlayer.screensDir(runDir), playerEnvironment, debug);
  }

  private void takeSnapshot() {
    String display = playerEnvironment.get("DISPLAY");
    try {
      Rect root = XWindows.rootSize(display, runDir);
      Screenshot.capture(display, root.width(), root.height(), snapshot);
      send(new RankMessage.Console("snapshot: " + snapshot));
    } catch (IOException e) {
      send(new RankMessage.Console("snapshot failed: " + e.getMessage()));
    }
  }

  private WallListener listener() {
    return new WallListener() {
      private final java.util.List<Double> costs = new java.util.ArrayList<>();

      @Override
      public void released(int screens) {
        send(new RankMessage.Console("playing: " + screens + " screens released together"));
      }

      @Override
      public void loopEnded(LoopReport report) {
        double[] sorted = costs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        costs.clear();
        printReport(sorted.length == 0 ? report
            : report.withRoundCosts(sorted[sorted.length / 2], sorted[sorted.length - 1]));
      }

      @Override
      public void roundCost(double seconds) {
        costs.add(seconds);
      }

      @Override
      public void round(WallStatus status) {
        send(new RankMessage.Status(status));
      }

      @Override
      public void screenChanged(String line) {
        send(new RankMessage.Console(line));
      }
    };
  }

  /** The console line, then the same loop as JSON for the controller's --report file. */
  private void printReport(LoopReport report) {
    send(new RankMessage.Console(report.line()));
    try {
      send(new RankMessage.Report(Json.MAPPER.writeValueAsString(report)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      send(new RankMessage.Console("wall: could not encode the loop report: " + e.getOriginalMessage()));
    }
  }

  /** One message to the controller, through mpirun, which relays rank output line by line. */
  private void send(RankMessage message) {
    out.println(message.encode());
    out.flush();
  }
}
