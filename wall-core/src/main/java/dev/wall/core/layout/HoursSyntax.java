package dev.wall.core.layout;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a schedule spells days, times and dates, read in one place for the validator (which reports
 * what is wrong) and for {@link OpeningHours} (which only reads what passed).
 */
public final class HoursSyntax {
  public static final List<String> DAY_NAMES =
      List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");

  /** Minutes in a day: {@code "24:00"}, the end of a window that runs to midnight. */
  public static final int END_OF_DAY = 24 * 60;

  private HoursSyntax() {}

  /** A value, or what is wrong with the text and how to fix it. */
  public record Parsed<T>(T value, String what, String fix) {
    static <T> Parsed<T> ok(T value) {
      return new Parsed<>(value, null, null);
    }

    static <T> Parsed<T> error(String what, String fix) {
      return new Parsed<>(null, what, fix);
    }

    public boolean ok() {
      return value != null;
    }
  }

  /**
   * {@code "Mon-Fri"}, {@code "Sat,Sun"}, {@code "Mon-Wed,Fri"}; a range may wrap past Sunday
   * ({@code "Fri-Mon"}). A day named twice is an error: it is almost always a typo.
   */
  public static Parsed<EnumSet<DayOfWeek>> days(String text) {
    EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    String fix = "write days like \"Mon-Fri\" or \"Sat,Sun\" (Mon Tue Wed Thu Fri Sat Sun)";
    if (text.isBlank()) {
      return Parsed.error("is empty", fix);
    }
    for (String part : text.split(",", -1)) {
      String[] ends = part.strip().split("-", -1);
      if (ends.length > 2) {
        return Parsed.error("\"" + part.strip() + "\" is not a day or a range of days", fix);
      }
      Optional<DayOfWeek> first = day(ends[0]);
      Optional<DayOfWeek> last = ends.length == 2 ? day(ends[1]) : first;
      for (String end : ends) {
        if (day(end).isEmpty()) {
          return Parsed.error("\"" + end.strip() + "\" is not a day", dayFix(end, fix));
        }
      }
      for (DayOfWeek d = first.get(); ; d = d.plus(1)) {
        if (!days.add(d)) {
          return Parsed.error(name(d) + " is named twice", "name each day once, like \"Mon-Fri\"");
        }
        if (d == last.get()) {
          break;
        }
      }
    }
    return Parsed.ok(days);
  }

  private static String dayFix(String typed, String fix) {
    String t = typed.strip().toLowerCase(Locale.ROOT);
    for (String name : DAY_NAMES) {
      if (t.length() >= 3 && name.toLowerCase(Locale.ROOT).startsWith(t.substring(0, 3))) {
        return "did you mean \"" + name + "\"? " + fix;
      }
    }
    return fix;
  }

  private static Optional<DayOfWeek> day(String text) {
    int i = DAY_NAMES.indexOf(text.strip());
    return i < 0 ? Optional.empty() : Optional.of(DayOfWeek.of(i + 1));
  }

  /** Mon, Tue, ... as the schedule spells them. */
  public static String name(DayOfWeek day) {
    return DAY_NAMES.get(day.getValue() - 1);
  }

  /**
   * Minutes since midnight of {@code "HH:MM"} (24-hour clock). {@code "24:00"} is only allowed when
   * {@code endOfDay}, for a window's {@code to}.
   */
  public static Parsed<Integer> time(String text, boolean endOfDay) {
    String fix =
        "write a 24-hour time like \"09:30\""
            + (endOfDay ? " (\"24:00\" is midnight at the end of the day)" : "");
    if (!text.matches("[0-9]{2}:[0-9]{2}")) {
      return Parsed.error("\"" + text + "\" is not a time", fix);
    }
    int hours = Integer.parseInt(text.substring(0, 2));
    int minutes = Integer.parseInt(text.substring(3));
    if (endOfDay && hours == 24 && minutes == 0) {
      return Parsed.ok(END_OF_DAY);
    }
    if (hours > 23 || minutes > 59) {
      return Parsed.error("\"" + text + "\" is not a time of day", fix);
    }
    return Parsed.ok(hours * 60 + minutes);
  }

  /** An ISO date, {@code "2026-12-25"}. */
  public static Parsed<LocalDate> date(String text) {
    try {
      if (text.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
        return Parsed.ok(LocalDate.parse(text));
      }
    } catch (DateTimeParseException e) {
      return Parsed.error(
          "\"" + text + "\" is not a date in the calendar",
          "write it as YEAR-MONTH-DAY, like \"2026-12-25\"");
    }
    return Parsed.error(
        "\"" + text + "\" is not a date", "write it as YEAR-MONTH-DAY, like \"2026-12-25\"");
  }

  /** "09:30" for 570 minutes. */
  public static String clock(int minutes) {
    return String.format(Locale.ROOT, "%02d:%02d", minutes / 60, minutes % 60);
  }
}
