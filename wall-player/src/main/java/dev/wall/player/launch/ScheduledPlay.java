package dev.wall.player.launch;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.Schedule;
import dev.wall.core.schedule.OpeningHours;
import dev.wall.core.schedule.ScheduleClock;
import dev.wall.core.schedule.ScheduledRun;
import dev.wall.player.status.LiveStatus;
import dev.wall.player.status.StatusServer;
import dev.wall.player.wire.RankMessage;
import dev.wall.player.wire.RankLaunch;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A play of the wall: its job, run by its opening hours when the layout has a {@code schedule}, and the
 * status page beside it when asked for. Without either, it is the job alone, as before.
 *
 * @param statusAddress where the page listens, or null for no page
 */
public record ScheduledPlay(Layout layout, WallController controller, LocalMachine local, java.nio.file.Path runDir,
    ScheduleClock clock, InetAddress statusAddress, int statusPort, PrintWriter out) {

  public Outcome play(RankLaunch launch, Map<String, String> environment) throws IOException {
    Optional<OpeningHours> hours = layout.scheduleIfSet().map(OpeningHours::of);
    LiveStatus status = new LiveStatus(layout, hours, clock);
    status.thumbnails(new LocalThumbnails(layout, local, runDir));
    controller.listen(message -> {
      if (message instanceof RankMessage.Status round) {
        try {
          status.round(round.status());
        } catch (IllegalArgumentException e) {
          // A rank of another version: the page keeps what it knew.
        }
      }
    });
    StatusServer page = null;
    try {
      if (statusAddress != null) {
        page = StatusServer.start(status, statusAddress, statusPort);
        out.println("wall: status page at " + page.url());
        out.flush();
      }
      if (hours.isEmpty()) {
        status.playing("starting");
        return controller.play(launch, environment);
      }
      Schedule schedule = layout.schedule();
      ScheduledWall wall = new ScheduledWall(() -> controller.play(launch, environment),
          new DisplayPowerJob(layout, local, runDir), launch.display(), environment, clock, status, out);
      return new ScheduledRun<Outcome>(hours.get(), Duration.ofSeconds(schedule.wakeSeconds()), clock).run(wall);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome.Stopped("interrupted; every rank was stopped");
    } finally {
      if (page != null) {
        page.close();
      }
    }
  }
}
