package dev.wall.core.schedule;

import dev.wall.core.layout.HoursSyntax;
import dev.wall.core.layout.Schedule;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A validated {@link Schedule}, compiled: whether the wall is open at an instant, and when that
 * next changes. Windows are wall-clock times in the schedule's zone, so a window keeps its hours
 * across daylight-saving changes. A time the clocks skip (02:30 on the spring-forward night) is
 * taken as the first instant after the jump; a time they pass twice (the autumn night) counts in
 * both passes. Pure: every instant comes from the caller.
 */
public final class OpeningHours {
  /**
   * How far ahead {@link #nextChange} looks; a schedule closed for longer than this never opens.
   */
  static final int HORIZON_DAYS = 400;

  private final ZoneId zone;
  private final Map<DayOfWeek, List<int[]>> windows = new EnumMap<>(DayOfWeek.class);
  private final Set<LocalDate> closed = new TreeSet<>();

  private OpeningHours(ZoneId zone) {
    this.zone = zone;
    for (DayOfWeek day : DayOfWeek.values()) {
      windows.put(day, new ArrayList<>());
    }
  }

  /**
   * @throws IllegalArgumentException for a schedule that did not pass validation
   */
  public static OpeningHours of(Schedule schedule) {
    OpeningHours hours = new OpeningHours(ZoneId.of(schedule.timezone()));
    for (Schedule.Window window : schedule.open()) {
      int from = value(HoursSyntax.time(window.from(), false));
      int to = value(HoursSyntax.time(window.to(), true));
      for (DayOfWeek day : value(HoursSyntax.days(window.days()))) {
        hours.windows.get(day).add(new int[] {from, to});
      }
    }
    for (String date : schedule.closed()) {
      hours.closed.add(value(HoursSyntax.date(date)));
    }
    return hours;
  }

  private static <T> T value(HoursSyntax.Parsed<T> parsed) {
    if (!parsed.ok()) {
      throw new IllegalArgumentException(
          "a schedule that did not pass validation: " + parsed.what());
    }
    return parsed.value();
  }

  public ZoneId zone() {
    return zone;
  }

  public boolean isOpen(Instant instant) {
    ZonedDateTime local = instant.atZone(zone);
    if (closed.contains(local.toLocalDate())) {
      return false;
    }
    int minute = local.getHour() * 60 + local.getMinute();
    for (int[] window : windows.get(local.getDayOfWeek())) {
      if (minute >= window[0] && minute < window[1]) {
        return true;
      }
    }
    return false;
  }

  /**
   * The first instant after {@code after} at which {@link #isOpen} changes, if any within the
   * horizon.
   */
  public Optional<Instant> nextChange(Instant after) {
    boolean open = isOpen(after);
    LocalDate first = after.atZone(zone).toLocalDate().minusDays(1);
    for (int d = 0; d <= HORIZON_DAYS; d++) {
      LocalDate date = first.plusDays(d);
      TreeSet<Instant> candidates = new TreeSet<>();
      candidates.add(date.atStartOfDay(zone).toInstant());
      for (int[] window : windows.get(date.getDayOfWeek())) {
        candidates.addAll(instants(date, window[0]));
        candidates.addAll(instants(date, window[1]));
      }
      for (Instant candidate : candidates.tailSet(after, false)) {
        if (isOpen(candidate) != open) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** The instants a wall-clock time of {@code date} names: one, or two in an autumn overlap. */
  private List<Instant> instants(LocalDate date, int minutes) {
    if (minutes == HoursSyntax.END_OF_DAY) {
      return List.of(date.plusDays(1).atStartOfDay(zone).toInstant());
    }
    LocalDateTime local = date.atStartOfDay().plusMinutes(minutes);
    ZoneOffsetTransition transition = zone.getRules().getTransition(local);
    if (transition == null) {
      return List.of(local.atZone(zone).toInstant());
    }
    if (transition.isGap()) {
      return List.of(transition.getInstant());
    }
    return List.of(
        local.atOffset(transition.getOffsetBefore()).toInstant(),
        local.atOffset(transition.getOffsetAfter()).toInstant());
  }

  /**
   * What the wall should do at {@code now}, {@code wake} ahead of each opening: play until the next
   * closing that lasts longer than {@code wake} (a shorter one is played through), or sleep until
   * it is time to wake.
   */
  public Decision decide(Instant now, Duration wake) {
    Optional<Instant> opening = isOpen(now) ? Optional.of(now) : nextChange(now);
    if (opening.isEmpty()) {
      return new Decision.Sleep(now.plus(Duration.ofDays(1)), Optional.empty());
    }
    Instant wakeAt = opening.get().minus(wake);
    if (wakeAt.isAfter(now)) {
      return new Decision.Sleep(wakeAt, opening);
    }
    Instant from = opening.get();
    while (true) {
      Optional<Instant> closing = nextChange(from);
      if (closing.isEmpty()) {
        return new Decision.Play(Optional.empty());
      }
      Optional<Instant> reopening = nextChange(closing.get());
      if (reopening.isEmpty()
          || Duration.between(closing.get(), reopening.get()).compareTo(wake) > 0) {
        return new Decision.Play(closing);
      }
      from = reopening.get();
    }
  }

  /** What the wall does now and until when. */
  public sealed interface Decision {
    /** Displays on and playing, until {@code closeAt} (empty: the schedule never closes again). */
    record Play(Optional<Instant> closeAt) implements Decision {}

    /**
     * Displays off until {@code wakeAt}; the wall opens at {@code opensAt} (empty: not within the
     * horizon).
     */
    record Sleep(Instant wakeAt, Optional<Instant> opensAt) implements Decision {}
  }

  /**
   * {@code off (schedule, opens Mon 09:30)}: what {@code wall status} and the page show while
   * asleep.
   */
  public String offLabel(Instant now, Optional<Instant> opensAt) {
    return opensAt
        .map(at -> "off (schedule, opens " + when(now, at) + ")")
        .orElse("off (schedule, no opening in the next " + HORIZON_DAYS + " days)");
  }

  /**
   * An instant as a technician reads it in the schedule's zone: {@code Mon 09:30} within the coming
   * week, {@code Fri 2027-01-01 10:00} further away.
   */
  public String when(Instant now, Instant at) {
    ZonedDateTime local = at.atZone(zone);
    String time = HoursSyntax.clock(local.getHour() * 60 + local.getMinute());
    String day = HoursSyntax.name(local.getDayOfWeek());
    if (Duration.between(now, at).compareTo(Duration.ofDays(6)) < 0) {
      return day + " " + time;
    }
    return day + " " + local.toLocalDate() + " " + time;
  }

  /** The next change as one phrase, {@code opens Mon 09:30} or {@code closes Fri 18:00}. */
  public String nextChangeLabel(Instant now) {
    boolean open = isOpen(now);
    return nextChange(now)
        .map(at -> (open ? "closes " : "opens ") + when(now, at))
        .orElse(
            open
                ? "open, no closing in the next " + HORIZON_DAYS + " days"
                : "closed, no opening in the next " + HORIZON_DAYS + " days");
  }
}
