package dev.wall.player.show;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.Schedule;
import dev.wall.core.schedule.OpeningHours;
import dev.wall.core.schedule.ScheduleClock;
import dev.wall.core.schedule.ScheduledRun;
import dev.wall.player.launch.Outcome;
import dev.wall.player.nodes.LocalMachine;
import dev.wall.player.plan.DisplaySettings;
import dev.wall.player.status.LiveStatus;
import dev.wall.player.status.LocalThumbnails;
import dev.wall.player.status.StatusBoard;
import dev.wall.player.status.StatusServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A play of the wall: its job, run by its opening hours when the layout has a {@code schedule}, and
 * the status page beside it when asked for. Without either, it is the job alone. The page and the
 * status file show the same {@link StatusBoard}.
 *
 * @param statusAddress where the page listens, or null for no page
 */
public record ScheduledPlay(
    Layout layout,
    StatusBoard board,
    LocalMachine local,
    java.nio.file.Path runDir,
    ScheduleClock clock,
    InetAddress statusAddress,
    int statusPort,
    PrintWriter out,
    ControlSurfaces control) {

  /**
   * @param job one run of the wall, or a supervisor of runs
   * @param display the display settings the ranks get, for the display power job
   */
  public Outcome play(Supervisor.Job job, DisplaySettings display, Map<String, String> environment)
      throws IOException {
    Optional<OpeningHours> hours = layout.scheduleIfSet().map(OpeningHours::of);
    LiveStatus status = new LiveStatus(layout, hours, clock, board::snapshot);
    status.thumbnails(new LocalThumbnails(layout, local, runDir));
    status.skew(control.skew());
    StatusServer page = null;
    try {
      if (statusAddress != null) {
        page = StatusServer.start(status, statusAddress, statusPort, control.extras());
        out.println("wall: status page at " + page.url());
        out.flush();
      }
      if (hours.isEmpty()) {
        return job.run();
      }
      Schedule schedule = layout.schedule();
      ScheduledWall wall =
          new ScheduledWall(
                  job,
                  new DisplayPowerJob(layout, local, runDir),
                  display,
                  environment,
                  clock,
                  board,
                  out)
              .publishingTo(control.events());
      return new ScheduledRun<Outcome>(
              hours.get(), Duration.ofSeconds(schedule.wakeSeconds()), clock)
          .run(wall);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome.Stopped(
          "interrupted; the wall's job, if it was open, was stopped with it");
    } finally {
      if (page != null) {
        page.close();
      }
    }
  }
}
