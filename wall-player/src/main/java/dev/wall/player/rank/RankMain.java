package dev.wall.player.rank;

import dev.wall.core.comm.CollectiveTimeout;
import dev.wall.core.io.RunFolder;
import dev.wall.core.layout.InvalidLayoutException;
import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import dev.wall.core.layout.Rect;
import dev.wall.core.layout.Screen;
import dev.wall.player.display.Screenshot;
import dev.wall.player.display.XWindows;
import dev.wall.player.media.PreparedMedia;
import dev.wall.player.media.PublishRecord;
import dev.wall.player.media.PublishedMedia;
import dev.wall.player.mpi.MpiCommunicator;
import dev.wall.player.nodes.RunRecord;
import dev.wall.player.plan.ShowPlan;
import dev.wall.player.players.PlayerSpec;
import dev.wall.player.players.registry.Backends;
import dev.wall.player.wire.LoopReport;
import dev.wall.player.wire.RankExit;
import dev.wall.player.wire.RankLaunch;
import dev.wall.player.wire.RankMessage;
import dev.wall.player.wire.WallStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What mpirun starts on every node: one rank, driving {@code screens[rank]}. Rank 0 prints one line
 * per loop, and one {@code failed: } line per failed screen, for the controller to relay.
 */
public final class RankMain {
  private final ShowPlan plan;
  private final boolean warmUp;
  private Path runDir;

  /** Where this rank's screen gets its players; set once the rank knows its screen. */
  private ScreenPlayers players;

  /** What every player of this rank gets in its environment: where it draws. */
  private final Map<String, String> playerEnvironment;

  private RankMain(RankLaunch launch) {
    this.plan = launch.plan();
    this.warmUp = launch.warmUp();
    this.runDir = plan.runDir();
    this.playerEnvironment = PlayerEnvironment.of(plan.display(), System.getenv());
  }

  /** Set by Open MPI's launcher in every process it starts. */
  static final String RANK_VARIABLE = "OMPI_COMM_WORLD_RANK";

  /** Made at the first report, not at start-up, when every millisecond of CPU is the screens'. */
  private static final class Json {
    static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
        new com.fasterxml.jackson.databind.ObjectMapper();
  }

  private final PrintStream out = System.out;

  public static void main(String[] args) throws IOException {
    RankLaunch launch;
    try {
      launch =
          RankLaunch.parse(
              new RankLaunch.LayoutSource() {
                @Override
                public Layout read(Path file) throws InvalidLayoutException, IOException {
                  return new LayoutReader().read(file);
                }

                @Override
                public Layout prepared(Layout layout, Path dir) throws IOException {
                  return PreparedMedia.assign(layout, dir);
                }

                @Override
                public Layout published(Layout layout, Path record) throws IOException {
                  return PublishedMedia.assign(
                      layout,
                      PublishRecord.read(record)
                          .orElseThrow(() -> new IOException("no publish record " + record)));
                }
              },
              args);
    } catch (IllegalArgumentException e) {
      System.out.println(new RankMessage.Failure("wall-rank: " + e.getMessage()).encode());
      System.exit(RankExit.BAD_LAUNCH);
      return;
    } catch (InvalidLayoutException e) {
      e.problems().forEach(p -> System.out.println(new RankMessage.Failure(p.line()).encode()));
      System.exit(RankExit.BAD_LAUNCH);
      return;
    }
    System.exit(new RankMain(launch).run());
  }

  private int run() throws IOException {
    prepareRunFolder();
    Layout layout = plan.layout();
    if (warmUp) {
      return warmUp();
    }
    // mpirun tells each process its rank before MPI_Init, so the player can start meanwhile.
    String rankFromLauncher = System.getenv(RANK_VARIABLE);
    PlayerStart player = startPlayer(layout, rankFromLauncher, true);
    RunRecord record = keepRecord(layout, rankFromLauncher);
    MpiCommunicator comm;
    try {
      comm = MpiCommunicator.init(new String[0]);
    } catch (NoClassDefFoundError | UnsatisfiedLinkError e) {
      send(
          new RankMessage.Failure(
              whereAmI(layout, rankFromLauncher)
                  + ": Open MPI's Java bindings are missing or"
                  + " broken on this node ("
                  + e
                  + "); install the same wall and Open MPI as on the controller (run"
                  + " bin/bootstrap there), then wall doctor"));
      return RankExit.ABORTED;
    }
    try (comm) {
      if (player == null) {
        player = startPlayer(layout, String.valueOf(comm.rank()), false);
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

  /**
   * This rank's PID file on its node, for the next start to clear what a lost run leaves behind.
   */
  private RunRecord keepRecord(Layout layout, String rank) {
    if (rank == null
        || !rank.matches("\\d+")
        || Integer.parseInt(rank) >= layout.screens().size()) {
      return null;
    }
    int index = Integer.parseInt(rank);
    return RunRecord.keepForRank(runDir, layout.screen(index).host(), index);
  }

  private static String whereAmI(Layout layout, String rank) {
    if (rank == null
        || !rank.matches("\\d+")
        || Integer.parseInt(rank) >= layout.screens().size()) {
      return "a rank";
    }
    Screen screen = layout.screen(Integer.parseInt(rank));
    return "screen " + screen.name() + " on " + screen.host();
  }

  /**
   * This node's run folder, ours alone ({@link RunFolder}): the one the plan names, or where that
   * cannot be (it cannot be made here, or is not ours), this node's default. Only a folder that is
   * there but refused is worth a word: one that cannot be made here is the usual case of a
   * controller under the autostart unit, whose /run/wall systemd made for it.
   */
  private void prepareRunFolder() throws IOException {
    try {
      runDir = RunFolder.prepare(runDir);
    } catch (IOException e) {
      Path fallback = RunFolder.prepare(RunFolder.defaultPath());
      if (e instanceof RunFolder.RefusedException) {
        send(
            new RankMessage.Console(
                "wall-rank: run folder "
                    + runDir
                    + " cannot be used on this node ("
                    + e.getMessage()
                    + "); using "
                    + fallback));
      }
      runDir = fallback;
    }
  }

  /**
   * Runs what a rank runs, short of MPI and a player, so {@code -XX:ArchiveClassesAtExit} records
   * it.
   */
  private int warmUp() throws IOException {
    RankWarmUp.run(plan.withRunDir(runDir));
    Screen screen = plan.layout().screen(0);
    Json.MAPPER.writeValueAsString(
        new LoopReport(
            1,
            1,
            1,
            0,
            30,
            0,
            0,
            java.util.List.of(
                new LoopReport.ScreenLoop(
                    screen.name(), screen.host(), 1, 1, 0, 0, "playing", 0))));
    new WallStatus(1, 1, 0, 0, 30, java.util.List.of()).toJson();
    return 0;
  }

  /**
   * Starts the screen's player and prepares it on a thread of its own; first, on this thread, its
   * process where the backend offers an early start and the rank knows its screen before MPI_Init.
   */
  private PlayerStart startPlayer(Layout layout, String rank, boolean early) {
    if (rank == null
        || !rank.matches("\\d+")
        || Integer.parseInt(rank) >= layout.screens().size()) {
      return null;
    }
    Screen screen = layout.screen(Integer.parseInt(rank));
    players = new ScreenPlayers(Backends.ALL, spec(layout, screen), layout.player());
    if (early) {
      players.startEarly();
    }
    ScreenPlayers source = players;
    return PlayerStart.begin(source::create, WallRank.PREPARE_TIMEOUT);
  }

  private int play(Layout wall, MpiCommunicator comm, PlayerStart player) {
    Screen screen = wall.screen(comm.rank());
    WallRank rank =
        new WallRank(
            comm,
            wall,
            plan.loops(),
            player,
            listener(),
            WallRank.ROUND_INTERVAL,
            screen.host(),
            recovery(),
            // Show control: mpirun forwards the controller's standard input to rank 0's.
            comm.isRoot() ? CommandInbox.reading(System.in, this::send) : null);
    try {
      rank.run(plan.snapshot() == null || !comm.isRoot() ? null : this::takeSnapshot);
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

  /**
   * How this rank replaces its screen's player when it fails: a new one from its backend, as the
   * first.
   */
  private WallRank.Recovery recovery() {
    ScreenPlayers source = players;
    return new WallRank.Recovery(
        source::create,
        source::blank,
        ScreenKeeper.Policy.DEFAULTS,
        new WallRank.NewShow() {
          @Override
          public PlayerSpec spec(Layout next, Screen screen) {
            return RankMain.this.spec(next, screen);
          }

          @Override
          public String problem(PlayerSpec spec) {
            return ScreenPlayers.problem(spec, CLIP_READ);
          }

          @Override
          public void adopt(PlayerSpec spec) {
            source.respec(spec);
          }
        });
  }

  /** How long a reload's new clip may take to give its first byte on this node. */
  private static final java.time.Duration CLIP_READ = java.time.Duration.ofSeconds(2);

  /** This screen's player, drawing where the controller said ({@link PlayerEnvironment}). */
  private PlayerSpec spec(Layout wall, Screen screen) {
    return Backends.spec(
        wall, screen, plan.withRunDir(runDir).screensDir(), playerEnvironment, plan.debug());
  }

  private void takeSnapshot() {
    String display = playerEnvironment.get("DISPLAY");
    try {
      Rect root = XWindows.rootSize(display, runDir);
      Screenshot.capture(display, root.width(), root.height(), plan.snapshot());
      send(new RankMessage.Console("snapshot: " + plan.snapshot()));
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
        printReport(
            sorted.length == 0
                ? report
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

      @Override
      public void answered(long id, boolean applied, String text) {
        send(new RankMessage.Answer(id, applied, text));
      }
    };
  }

  /** The console line, then the same loop as JSON for the controller's --report file. */
  private void printReport(LoopReport report) {
    send(new RankMessage.Console(report.line()));
    try {
      send(new RankMessage.Report(Json.MAPPER.writeValueAsString(report)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      send(
          new RankMessage.Console(
              "wall: could not encode the loop report: " + e.getOriginalMessage()));
    }
  }

  /** One message to the controller, through mpirun, which relays rank output line by line. */
  private void send(RankMessage message) {
    out.println(message.encode());
    out.flush();
  }
}
