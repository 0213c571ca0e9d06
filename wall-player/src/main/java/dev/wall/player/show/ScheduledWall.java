package dev.wall.player.show;

import dev.wall.core.schedule.ScheduleClock;
import dev.wall.core.schedule.ScheduledRun;
import dev.wall.player.control.WallEvents;
import dev.wall.player.launch.Outcome;
import dev.wall.player.plan.DisplaySettings;
import dev.wall.player.status.StatusBoard;
import dev.wall.player.wire.WallEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A wall run by its opening hours (the {@link ScheduledRun} decides when): awake, it turns the
 * displays on and runs the wall's job from loop 1, and stops that job at the closing; asleep, it
 * turns the displays off and shows "off (schedule, opens ...)", which is never a failure.
 */
public final class ScheduledWall implements ScheduledRun.Wall<Outcome> {
  static final Duration JOB_STOP = Duration.ofSeconds(10);

  private final Supervisor.Job jobs;
  private final DisplayPowerJob power;
  private final DisplaySettings display;
  private final Map<String, String> environment;
  private final ScheduleClock clock;
  private final StatusBoard status;
  private final PrintWriter out;
  private WallEvents events = WallEvents.NONE;

  /**
   * @param jobs the wall while open: one run of its job ({@link WallController#play}), or a {@link
   *     Supervisor} that starts it again when it is lost; interrupted at the closing, it stops
   *     every rank and returns
   */
  public ScheduledWall(
      Supervisor.Job jobs,
      DisplayPowerJob power,
      DisplaySettings display,
      Map<String, String> environment,
      ScheduleClock clock,
      StatusBoard status,
      PrintWriter out) {
    this.jobs = jobs;
    this.power = power;
    this.display = display;
    this.environment = environment;
    this.clock = clock;
    this.status = status;
    this.out = out;
  }

  /** Where the schedule's changes are told (schedule-on, schedule-off). */
  public ScheduledWall publishingTo(WallEvents events) {
    this.events = events;
    return this;
  }

  @Override
  public Optional<Outcome> playUntil(Optional<Instant> closeAt) throws InterruptedException {
    say(
        "waking: displays on, then loop 1"
            + closeAt.map(c -> ", until the closing at " + c).orElse(""));
    events.publish(
        WallEvent.of(
            WallEvent.Kind.SCHEDULE_ON,
            Instant.now(),
            closeAt.map(c -> Map.of("closesAt", c.toString())).orElse(Map.of())));
    switchDisplays(true);
    AtomicReference<Outcome> ended = new AtomicReference<>();
    AtomicReference<Throwable> crashed = new AtomicReference<>();
    Thread job =
        new Thread(
            () -> {
              try {
                ended.set(jobs.run());
              } catch (IOException e) {
                crashed.set(e);
              } catch (RuntimeException e) {
                crashed.set(e);
              }
            },
            "wall-job");
    status.waking();
    job.start();
    try {
      boolean done = clock.awaitUntil(closeAt.orElse(Instant.MAX), () -> !job.isAlive());
      if (!done) {
        say("closing on schedule: stopping the players");
        job.interrupt();
        job.join(JOB_STOP.toMillis());
        return Optional.empty();
      }
    } finally {
      if (job.isAlive()) {
        job.interrupt();
        job.join(JOB_STOP.toMillis());
      }
    }
    if (crashed.get() != null) {
      Throwable e = crashed.get();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
    return Optional.of(ended.get());
  }

  @Override
  public void sleep(String label, Optional<Instant> opensAt) throws InterruptedException {
    status.off(label);
    events.publish(
        WallEvent.of(
            WallEvent.Kind.SCHEDULE_OFF,
            Instant.now(),
            opensAt
                .map(o -> Map.of("label", label, "opensAt", o.toString()))
                .orElse(Map.of("label", label))));
    say(label + ": displays off");
    switchDisplays(false);
  }

  private void switchDisplays(boolean on) throws InterruptedException {
    try {
      for (String answer : power.set(on, display, environment)) {
        say(answer);
      }
    } catch (IOException e) {
      say(
          "could not run the display power job: "
              + e.getMessage()
              + "; the screens "
              + (on ? "may stay dark" : "show black"));
    }
  }

  private void say(String line) {
    synchronized (out) {
      out.println("wall: " + line);
      out.flush();
    }
  }
}
