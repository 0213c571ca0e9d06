package dev.wall.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpeningHoursTest {
  private static OpeningHours hours(String days, String from, String to) {
    return OpeningHours.of(
        Schedule.of("Europe/Paris", List.of(Schedule.Window.of(days, from, to)), null, null, null));
  }

  @Test
  void aWindowInTheSpringGapOpensWhenTheClocksJump() {
    // On 29 March 2026 Paris jumps from 02:00 to 03:00: 02:30 never happens, so it opens at 03:00
    // (01:00Z).
    OpeningHours night = hours("Sun", "02:30", "04:00");
    assertEquals(
        Optional.of(Instant.parse("2026-03-29T01:00:00Z")),
        night.nextChange(Instant.parse("2026-03-28T12:00:00Z")));
    assertEquals(
        Optional.of(Instant.parse("2026-03-29T02:00:00Z")),
        night.nextChange(Instant.parse("2026-03-29T01:00:00Z")));
  }

  @Test
  void aWindowInTheAutumnOverlapOpensInBothPasses() {
    // On 25 October 2026 Paris passes 02:00-03:00 twice, at UTC+2 and then at UTC+1.
    OpeningHours night = hours("Sun", "02:15", "02:45");
    Instant t = Instant.parse("2026-10-24T12:00:00Z");
    List<String> changes = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      t = night.nextChange(t).orElseThrow();
      changes.add(t.toString());
    }
    assertEquals(
        List.of(
            "2026-10-25T00:15:00Z",
            "2026-10-25T00:45:00Z",
            "2026-10-25T01:15:00Z",
            "2026-10-25T01:45:00Z"),
        changes);
  }

  @Test
  void windowsThatMeetAtMidnightAreOneOpening() {
    OpeningHours late =
        OpeningHours.of(
            Schedule.of(
                "Europe/Paris",
                List.of(
                    Schedule.Window.of("Fri", "20:00", "24:00"),
                    Schedule.Window.of("Sat", "00:00", "02:00")),
                null,
                null,
                null));
    // Fri 23 Oct 2026 20:00 +2 = 18:00Z; closes Sat 02:00 +2 = 00:00Z.
    assertEquals(
        Optional.of(Instant.parse("2026-10-24T00:00:00Z")),
        late.nextChange(Instant.parse("2026-10-23T19:00:00Z")));
  }

  @Test
  void aShortClosingIsPlayedThrough() {
    OpeningHours lunch =
        OpeningHours.of(
            Schedule.of(
                "UTC",
                List.of(
                    Schedule.Window.of("Mon", "09:00", "12:00"),
                    Schedule.Window.of("Mon", "12:01", "18:00")),
                null,
                null,
                null));
    Instant monday = Instant.parse("2026-03-30T10:00:00Z");
    assertEquals(
        new OpeningHours.Decision.Play(Optional.of(Instant.parse("2026-03-30T18:00:00Z"))),
        lunch.decide(monday, Duration.ofSeconds(90)));
    assertEquals(
        new OpeningHours.Decision.Play(Optional.of(Instant.parse("2026-03-30T12:00:00Z"))),
        lunch.decide(monday, Duration.ofSeconds(30)));
  }

  @Test
  void openingAndClosingAreAtTheMinute() {
    OpeningHours day = hours("Mon-Fri", "09:30", "18:00");
    assertFalse(day.isOpen(Instant.parse("2026-03-30T07:29:59Z")));
    assertTrue(day.isOpen(Instant.parse("2026-03-30T07:30:00Z")));
    assertTrue(day.isOpen(Instant.parse("2026-03-30T15:59:59Z")));
    assertFalse(day.isOpen(Instant.parse("2026-03-30T16:00:00Z")));
  }

  @Test
  void labelsNameTheDayOrTheDate() {
    OpeningHours day = hours("Mon", "09:30", "18:00");
    Instant friday = Instant.parse("2026-03-27T20:00:00Z");
    assertEquals("opens Mon 09:30", day.nextChangeLabel(friday));
    assertEquals("closes Mon 18:00", day.nextChangeLabel(Instant.parse("2026-03-30T08:00:00Z")));
    Instant tuesday = Instant.parse("2026-03-31T06:00:00Z");
    assertEquals(
        "off (schedule, opens Mon 2026-04-06 09:30)",
        day.offLabel(tuesday, day.nextChange(tuesday)));
  }
}
