package dev.wall.player.show;

import dev.wall.core.io.RunFolder;
import dev.wall.core.layout.InvalidLayoutException;
import dev.wall.core.layout.Problem;
import dev.wall.core.schedule.ScheduleClock;
import dev.wall.player.launch.ItemLengths;
import dev.wall.player.launch.LaunchRefused;
import dev.wall.player.launch.MpiSettings;
import dev.wall.player.launch.Outcome;
import dev.wall.player.launch.PlayReport;
import dev.wall.player.launch.RankClassArchive;
import dev.wall.player.launch.WallController;
import dev.wall.player.nodes.LocalMachine;
import dev.wall.player.nodes.Ssh;
import dev.wall.player.plan.ShowPlan;
import dev.wall.player.status.StatusBoard;
import dev.wall.player.versions.OpenMpiCheck;
import dev.wall.player.wire.ControlCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A show, from its plan to how it ended: the checks before anything starts, then one run of the
 * wall, or runs under a {@link Supervisor} when it loops for ever, by its opening hours when it has
 * them, with the status file and the status page beside it. {@code wall play} and {@code wall demo}
 * both play through here.
 */
public final class WallShow {
  /**
   * How a show is run and watched, beside its plan.
   *
   * @param reportFile one JSON line per loop goes there, or null
   * @param quiet print failures only
   * @param liveStatus rewrite one status line after each control round (for a terminal)
   * @param clock the schedule's clock (shifted by {@code --pretend-now})
   * @param statusAddress where the status page listens, or null for none
   * @param statusPort its port (0: any free one)
   * @param warmUp only record what makes the ranks start fast here, then stop
   * @param control what the command line says of show control (HTTP control, OSC)
   * @param layoutSource the layout file read again with this run's overrides, for reload; null when
   *     the wall has none to read again
   */
  /**
   * How long a command may wait for every screen: a command that comes at a loop's seam waits for
   * the next round, up to about three seconds.
   */
  static final java.time.Duration COMMAND_ANSWER_WITHIN = java.time.Duration.ofSeconds(8);

  /**
   * Show control's {@code power on|off}: every display, by the same job as the schedule's, which
   * switches them again at its next change (so the command holds until then). Never fails the wall:
   * a display that could not be switched is named in the answer.
   */
  private static dev.wall.player.control.CommandOutcome switchDisplays(
      DisplayPowerJob power, ControlCommand.Power command, ShowPlan plan, Map<String, String> env) {
    try {
      List<String> answers = power.set(command.on(), plan.display(), env);
      return dev.wall.player.control.CommandOutcome.applied(command, String.join("; ", answers));
    } catch (IOException e) {
      return dev.wall.player.control.CommandOutcome.refused(
          command, "the display power job could not run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return dev.wall.player.control.CommandOutcome.refused(command, "the wall is stopping");
    }
  }

  public record Settings(
      Path reportFile,
      boolean quiet,
      boolean liveStatus,
      ScheduleClock clock,
      InetAddress statusAddress,
      int statusPort,
      boolean warmUp,
      ControlSurfaces.Options control,
      ShowPlan.Source layoutSource) {

    public Settings(
        Path reportFile,
        boolean quiet,
        boolean liveStatus,
        ScheduleClock clock,
        InetAddress statusAddress,
        int statusPort,
        boolean warmUp,
        ControlSurfaces.Options control) {
      this(reportFile, quiet, liveStatus, clock, statusAddress, statusPort, warmUp, control, null);
    }

    /** A show with no report, no page, on the real clock. */
    public static Settings plain(boolean liveStatus) {
      return new Settings(
          null,
          false,
          liveStatus,
          ScheduleClock.system(),
          null,
          0,
          false,
          ControlSurfaces.Options.NONE);
    }
  }

  private WallShow() {}

  /**
   * Plays {@code plan} after checking what can be checked here: the run folder is ours, a
   * playlist's items are as long on every screen, Open MPI and its Java half match.
   *
   * @throws InvalidLayoutException for clips that cannot play together (bad input)
   * @throws LaunchRefused when this machine cannot start the wall as it is
   */
  public static Outcome play(
      ShowPlan plan, Settings settings, Map<String, String> env, PrintWriter out, PrintWriter err)
      throws InvalidLayoutException, IOException {
    try {
      RunFolder.prepare(plan.runDir());
    } catch (RunFolder.RefusedException e) {
      throw new LaunchRefused(e.getMessage());
    }
    // The share's files, which this controller holds, even where the nodes play their caches.
    List<Problem> uneven =
        ItemLengths.check(
            plan.layoutFile().toString(), plan.layoutOnShare(), plan.runDir().resolve("probes"));
    if (!uneven.isEmpty()) {
      throw new InvalidLayoutException(uneven);
    }
    OpenMpiCheck.problem(plan.runDir())
        .ifPresent(
            problem -> {
              throw new LaunchRefused(problem);
            });
    LocalMachine local = LocalMachine.detect();
    try (PlayReport report = PlayReport.to(settings.reportFile(), plan.layoutFile())) {
      WallController controller =
          new WallController(
              plan, local, out, err, report, settings.quiet(), settings.liveStatus());
      if (settings.warmUp()) {
        RankClassArchive.forThisJvm().ensureRecorded(plan);
        // Works out mpirun's command line without running it, so a controller archive recorded
        // by this run holds what a real start needs.
        controller.command(MpiSettings.of(env, Ssh.forThisUser()));
        return new Outcome.Completed();
      }
      return play(plan, local, controller, env, settings, out, err);
    }
  }

  /**
   * Plays the wall once, or, when it loops for ever, under a {@link Supervisor} that starts it
   * again whenever it is lost; by its opening hours when it has them. The status file and the
   * status page say how it goes meanwhile.
   */
  private static Outcome play(
      ShowPlan plan,
      LocalMachine local,
      WallController controller,
      Map<String, String> env,
      Settings settings,
      PrintWriter out,
      PrintWriter err)
      throws IOException {
    // The status page's address: the command line's, else the layout's control.http.
    InetAddress statusAddress = settings.statusAddress();
    int statusPort = settings.statusPort();
    var http = plan.layout().controlIfSet().flatMap(c -> c.httpIfSet());
    if (statusAddress == null && http.isPresent()) {
      statusAddress =
          http.get().listen() == null
              ? InetAddress.getLoopbackAddress()
              : dev.wall.core.layout.SourceNetwork.literal(http.get().listen()).orElseThrow();
      statusPort = http.get().port();
    }
    StatusBoard board =
        new StatusBoard(
            plan.runDir(),
            local.hostname(),
            plan.layoutFile().toAbsolutePath().toString(),
            plan.forever());
    try (ControlSurfaces surfaces =
        ControlSurfaces.open(
            plan.layout(),
            settings.control(),
            statusAddress != null,
            env,
            local.hostname(),
            dev.wall.player.versions.InstalledVersion.build().release(),
            out)) {
      // Every way in (wall ctl's socket, HTTP, OSC) hands its commands to the controller, which
      // has rank 0 order every screen; while no job plays, each is refused, saying so.
      DisplayPowerJob power = new DisplayPowerJob(plan.layout(), local, plan.runDir());
      LayoutReload reload =
          new LayoutReload(settings.layoutSource(), plan, controller, board, COMMAND_ANSWER_WITHIN);
      surfaces.commandsTo(
          (command, source) ->
              command instanceof ControlCommand.Power switched
                  ? switchDisplays(power, switched, plan, env)
                  : command instanceof ControlCommand.Reload
                      ? reload.reload(command)
                      : controller.submit(command, COMMAND_ANSWER_WITHIN));
      surfaces.closeWith(reload);
      reload.watch(out);
      surfaces.listenOnSocket(plan.runDir());
      controller.reportStatusTo(
          status -> {
            board.status(status);
            surfaces.round(status);
          });
      controller.signalAliveTo(ServiceWatchdog.fromEnvironment(env, plan.runDir())::alive);
      Supervisor.Job job = surfaces.watch(() -> controller.play(env));
      if (plan.forever()) {
        job =
            new Supervisor(
                        job,
                        new PreflightNodeCheck(
                            plan.layout(), local, plan.runDir(), plan.caches() == null),
                        board,
                        err)
                    .publishingTo(surfaces.events())
                ::run;
      }
      ScheduledPlay play =
          new ScheduledPlay(
              plan.layout(),
              board,
              local,
              plan.runDir(),
              settings.clock(),
              statusAddress,
              statusPort,
              out,
              surfaces);
      return play.play(job, plan.display(), env);
    } finally {
      board.stopped();
    }
  }
}
