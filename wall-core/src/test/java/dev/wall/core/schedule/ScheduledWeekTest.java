package dev.wall.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wall.core.layout.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A whole week of a museum's schedule, on a simulated clock, across both of Europe/Paris's
 * daylight-saving changes of 2026 (29 March, 25 October): every wake and every sleep happens at the
 * instant the opening hours name, in UTC, which is where an hour's mistake would show.
 */
class ScheduledWeekTest {
  static final Schedule MUSEUM =
      Schedule.of(
          "Europe/Paris",
          List.of(
              Schedule.Window.of("Mon-Fri", "09:30", "18:00"),
              Schedule.Window.of("Sat,Sun", "10:00", "19:00")),
          List.of("2026-12-25", "2027-01-01"),
          30,
          null);

  /** What the wall was told, and when. */
  private record Event(String what, Instant at, String detail) {
    @Override
    public String toString() {
      return what + " " + at + " " + detail;
    }
  }

  /** Plays (on the simulated clock) until told to close, or until the simulation's end. */
  private static final class RecordingWall implements ScheduledRun.Wall<String> {
    final SimulatedClock clock;
    final Instant end;
    final List<Event> events = new ArrayList<>();

    RecordingWall(SimulatedClock clock, Instant end) {
      this.clock = clock;
      this.end = end;
    }

    @Override
    public Optional<String> playUntil(Optional<Instant> closeAt) {
      events.add(
          new Event("wake", clock.now(), "until " + closeAt.map(Instant::toString).orElse("ever")));
      Instant until = closeAt.filter(c -> c.isBefore(end)).orElse(end);
      clock.awaitUntil(until, () -> false);
      return clock.now().isBefore(end) ? Optional.empty() : Optional.of("simulation over");
    }

    @Override
    public void sleep(String label, Optional<Instant> opensAt) {
      events.add(new Event("sleep", clock.now(), label));
    }
  }

  private static List<String> simulate(Schedule schedule, String start, String end)
      throws Exception {
    SimulatedClock clock = new SimulatedClock(Instant.parse(start));
    RecordingWall wall = new RecordingWall(clock, Instant.parse(end));
    String why =
        new ScheduledRun<String>(
                OpeningHours.of(schedule), Duration.ofSeconds(schedule.wakeSeconds()), clock)
            .run(wall);
    assertEquals("simulation over", why);
    return wall.events.stream().map(Event::toString).toList();
  }

  @Test
  void theWeekOfTheSpringChange() throws Exception {
    // Friday 27 March 2026, noon in Paris (UTC+1); clocks go to UTC+2 at 02:00 on Sunday the 29th.
    assertEquals(
        List.of(
            "wake 2026-03-27T11:00:00Z until 2026-03-27T17:00:00Z", // Fri, open at start, closes
            // 18:00 +1
            "sleep 2026-03-27T17:00:00Z off (schedule, opens Sat 10:00)",
            "wake 2026-03-28T08:59:30Z until 2026-03-28T18:00:00Z", // Sat 10:00 +1, 30 s early;
            // 19:00 +1
            "sleep 2026-03-28T18:00:00Z off (schedule, opens Sun 10:00)",
            "wake 2026-03-29T07:59:30Z until 2026-03-29T17:00:00Z", // Sun: now UTC+2
            "sleep 2026-03-29T17:00:00Z off (schedule, opens Mon 09:30)",
            "wake 2026-03-30T07:29:30Z until 2026-03-30T16:00:00Z",
            "sleep 2026-03-30T16:00:00Z off (schedule, opens Tue 09:30)",
            "wake 2026-03-31T07:29:30Z until 2026-03-31T16:00:00Z",
            "sleep 2026-03-31T16:00:00Z off (schedule, opens Wed 09:30)",
            "wake 2026-04-01T07:29:30Z until 2026-04-01T16:00:00Z",
            "sleep 2026-04-01T16:00:00Z off (schedule, opens Thu 09:30)",
            "wake 2026-04-02T07:29:30Z until 2026-04-02T16:00:00Z",
            "sleep 2026-04-02T16:00:00Z off (schedule, opens Fri 09:30)",
            "wake 2026-04-03T07:29:30Z until 2026-04-03T16:00:00Z"),
        simulate(MUSEUM, "2026-03-27T11:00:00Z", "2026-04-03T12:00:00Z"));
  }

  @Test
  void theWeekOfTheAutumnChange() throws Exception {
    // Friday 23 October 2026, 20:00 in Paris (UTC+2, closed); clocks go back to UTC+1 at 03:00 on
    // Sunday the 25th.
    assertEquals(
        List.of(
            "sleep 2026-10-23T18:00:00Z off (schedule, opens Sat 10:00)",
            "wake 2026-10-24T07:59:30Z until 2026-10-24T17:00:00Z", // Sat 10:00 +2
            "sleep 2026-10-24T17:00:00Z off (schedule, opens Sun 10:00)",
            "wake 2026-10-25T08:59:30Z until 2026-10-25T18:00:00Z", // Sun: now UTC+1
            "sleep 2026-10-25T18:00:00Z off (schedule, opens Mon 09:30)",
            "wake 2026-10-26T08:29:30Z until 2026-10-26T17:00:00Z",
            "sleep 2026-10-26T17:00:00Z off (schedule, opens Tue 09:30)",
            "wake 2026-10-27T08:29:30Z until 2026-10-27T17:00:00Z",
            "sleep 2026-10-27T17:00:00Z off (schedule, opens Wed 09:30)",
            "wake 2026-10-28T08:29:30Z until 2026-10-28T17:00:00Z",
            "sleep 2026-10-28T17:00:00Z off (schedule, opens Thu 09:30)",
            "wake 2026-10-29T08:29:30Z until 2026-10-29T17:00:00Z",
            "sleep 2026-10-29T17:00:00Z off (schedule, opens Fri 09:30)",
            "wake 2026-10-30T08:29:30Z until 2026-10-30T17:00:00Z",
            "sleep 2026-10-30T17:00:00Z off (schedule, opens Sat 10:00)",
            "wake 2026-10-31T08:59:30Z until 2026-10-31T18:00:00Z"),
        simulate(MUSEUM, "2026-10-23T18:00:00Z", "2026-10-31T12:00:00Z"));
  }

  @Test
  void closedDaysAreSkippedAndNamedWithTheirDate() throws Exception {
    // Christmas 2026 is a Friday: Thursday's close is followed by Saturday's opening.
    assertEquals(
        List.of(
            "wake 2026-12-24T08:29:30Z until 2026-12-24T17:00:00Z",
            "sleep 2026-12-24T17:00:00Z off (schedule, opens Sat 10:00)",
            "wake 2026-12-26T08:59:30Z until 2026-12-26T18:00:00Z"),
        simulate(MUSEUM, "2026-12-24T08:29:30Z", "2026-12-26T12:00:00Z"));
  }

  @Test
  void aWholeYearWakesOncePerOpenDay() throws Exception {
    List<String> year = simulate(MUSEUM, "2026-01-01T00:00:00Z", "2026-12-31T23:00:00Z");
    // 365 days less Christmas (1 January 2026 is open: only 2027's is listed): one wake each, at
    // half past nine less 30 s on weekdays and ten less 30 s at weekends, in winter or summer time.
    List<String> wakes = year.stream().filter(e -> e.startsWith("wake 2026")).toList();
    assertEquals(364, wakes.size());
    assertEquals(
        List.of(),
        wakes.stream().filter(e -> !e.matches("wake 2026-..-..T0[6789]:(29|59):30Z .*")).toList());
    assertEquals(
        365, year.stream().filter(e -> e.startsWith("sleep 2026")).count()); // and one at the start
  }
}
