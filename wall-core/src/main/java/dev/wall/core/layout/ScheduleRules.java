package dev.wall.core.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The rules for {@code schedule}: each field, then the windows against each other. */
final class ScheduleRules {
  static final List<String> SCHEDULE_FIELDS =
      List.of("timezone", "open", "closed", "wakeSeconds", "displayPower");
  static final List<String> WINDOW_FIELDS = List.of("days", "from", "to");
  static final int MAX_WINDOWS = 100;
  static final int MAX_CLOSED = 1000;
  static final int MAX_WAKE_SECONDS = 3600;

  private static final String EXAMPLE =
      "\"schedule\": {\"timezone\": \"Europe/Paris\", \"open\": [{\"days\": \"Mon-Fri\", \"from\": \"09:30\", \"to\": \"18:00\"}]}";
  private static final String EXAMPLE_WINDOW =
      "{\"days\": \"Mon-Fri\", \"from\": \"09:30\", \"to\": \"18:00\"}";

  /** A window that passed its own checks. */
  private record Window(int index, EnumSet<DayOfWeek> days, int from, int to) {}

  private final Findings findings;

  private ScheduleRules(Findings findings) {
    this.findings = findings;
  }

  static void check(Findings findings, JsonNode value) {
    findings.object(value, "schedule", EXAMPLE).ifPresent(new ScheduleRules(findings)::check);
  }

  private void check(ObjectNode schedule) {
    findings.onlyKnownFields(schedule, "schedule", SCHEDULE_FIELDS, Map.of());
    timezone(schedule);
    open(schedule);
    closed(schedule);
    findings
        .optional(schedule, "wakeSeconds")
        .ifPresent(
            v ->
                findings.wholeNumber(
                    v,
                    "schedule.wakeSeconds",
                    0,
                    MAX_WAKE_SECONDS,
                    "\"wakeSeconds\": 30",
                    "the seconds before opening that the displays turn on and the wall starts; the default, "
                        + Schedule.DEFAULT_WAKE_SECONDS
                        + ", suits most walls"));
    findings
        .optionalText(schedule, "schedule", "displayPower", "\"displayPower\": \"auto\"")
        .ifPresent(
            kind ->
                Validator.checkEnum(
                    findings, "schedule.displayPower", kind, DisplayPowerKind.class));
  }

  private void timezone(ObjectNode schedule) {
    findings
        .requiredText(
            schedule,
            "schedule",
            "timezone",
            "add the wall's time zone, like \"timezone\": \"Europe/Paris\"",
            "\"timezone\": \"Europe/Paris\"")
        .filter(zone -> !ZoneId.getAvailableZoneIds().contains(zone))
        .ifPresent(
            zone ->
                findings.add(
                    "schedule.timezone",
                    "unknown time zone \"" + zone + "\"",
                    zoneSuggestion(zone)
                        .map(close -> "did you mean \"" + close + "\"?")
                        .orElse(
                            "use a name from the tz database, like \"Europe/Paris\" or \"America/New_York\"")));
  }

  private static Optional<String> zoneSuggestion(String typed) {
    Set<String> zones = ZoneId.getAvailableZoneIds();
    Optional<String> close = Suggestions.closest(typed, zones);
    if (close.isPresent()) {
      return close;
    }
    String city = typed.replace(' ', '_');
    return zones.stream()
        .filter(z -> z.toLowerCase().endsWith("/" + city.toLowerCase()))
        .sorted()
        .findFirst();
  }

  private void open(ObjectNode schedule) {
    Optional<ArrayNode> list =
        findings
            .required(
                schedule,
                "schedule",
                "open",
                "add the weekly opening hours, like \"open\": [" + EXAMPLE_WINDOW + "]")
            .flatMap(v -> findings.list(v, "schedule.open", "\"open\": [" + EXAMPLE_WINDOW + "]"));
    if (list.isEmpty()) {
      return;
    }
    if (list.get().isEmpty() || list.get().size() > MAX_WINDOWS) {
      findings.add(
          "schedule.open",
          "must have 1 to " + MAX_WINDOWS + " windows, got " + list.get().size(),
          list.get().isEmpty()
              ? "add a window like "
                  + EXAMPLE_WINDOW
                  + ", or remove \"schedule\" to play at all hours"
              : "merge windows that share their days and hours");
      return;
    }
    List<Window> windows = new ArrayList<>();
    for (int i = 0; i < list.get().size(); i++) {
      window(list.get().get(i), i).ifPresent(windows::add);
    }
    overlaps(windows);
  }

  private Optional<Window> window(JsonNode value, int index) {
    String path = JsonPaths.index("schedule.open", index);
    Optional<ObjectNode> object =
        findings.objectOf(value, path, EXAMPLE_WINDOW, WINDOW_FIELDS, Map.of());
    if (object.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode window = object.get();
    Optional<EnumSet<DayOfWeek>> days =
        part(window, path, "days", "\"days\": \"Mon-Fri\"", HoursSyntax::days);
    Optional<Integer> from =
        part(window, path, "from", "\"from\": \"09:30\"", text -> HoursSyntax.time(text, false));
    Optional<Integer> to =
        part(window, path, "to", "\"to\": \"18:00\"", text -> HoursSyntax.time(text, true));
    if (days.isEmpty() || from.isEmpty() || to.isEmpty()) {
      return Optional.empty();
    }
    if (to.get() <= from.get()) {
      findings.add(
          path + ".to",
          (to.get().equals(from.get()) ? "is the same time as" : "is before")
              + " \"from\" ("
              + HoursSyntax.clock(from.get())
              + ")",
          "a window ends after it starts; one that runs past midnight is two windows, one to \"24:00\" and one from \"00:00\" the next day");
      return Optional.empty();
    }
    return Optional.of(new Window(index, days.get(), from.get(), to.get()));
  }

  private <T> Optional<T> part(
      ObjectNode window,
      String path,
      String field,
      String example,
      java.util.function.Function<String, HoursSyntax.Parsed<T>> parse) {
    String fieldPath = path + "." + field;
    Optional<String> text =
        findings.requiredText(window, path, field, "add it, like " + example, example);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    HoursSyntax.Parsed<T> parsed = parse.apply(text.get());
    if (!parsed.ok()) {
      findings.add(fieldPath, parsed.what(), parsed.fix());
      return Optional.empty();
    }
    return Optional.of(parsed.value());
  }

  /** Two windows that share a day may meet (18:00 and 18:00) but not overlap. */
  private void overlaps(List<Window> windows) {
    Findings.eachPair(
        windows,
        (earlier, later) -> {
          for (DayOfWeek day : later.days()) {
            if (earlier.days().contains(day)
                && earlier.from() < later.to()
                && later.from() < earlier.to()) {
              findings.add(
                  JsonPaths.index("schedule.open", later.index()),
                  "overlaps schedule.open["
                      + earlier.index()
                      + "] on "
                      + HoursSyntax.name(day)
                      + " ("
                      + span(later)
                      + " and "
                      + span(earlier)
                      + ")",
                  "give each day its hours once: make the windows meet or part, or drop the day from one of them");
              break;
            }
          }
        });
  }

  private static String span(Window window) {
    return HoursSyntax.clock(window.from()) + "-" + HoursSyntax.clock(window.to());
  }

  private void closed(ObjectNode schedule) {
    Optional<ArrayNode> list =
        findings
            .optional(schedule, "closed")
            .flatMap(v -> findings.list(v, "schedule.closed", "\"closed\": [\"2026-12-25\"]"));
    if (list.isEmpty()) {
      return;
    }
    if (list.get().size() > MAX_CLOSED) {
      findings.add(
          "schedule.closed",
          "has " + list.get().size() + " dates, more than " + MAX_CLOSED,
          "remove the dates that have passed");
      return;
    }
    Map<LocalDate, Integer> seen = new HashMap<>();
    for (int i = 0; i < list.get().size(); i++) {
      String path = JsonPaths.index("schedule.closed", i);
      Optional<String> text = findings.text(list.get().get(i), path, "\"2026-12-25\"");
      if (text.isEmpty()) {
        continue;
      }
      HoursSyntax.Parsed<LocalDate> date = HoursSyntax.date(text.get());
      if (!date.ok()) {
        findings.add(path, date.what(), date.fix());
        continue;
      }
      Integer first = seen.putIfAbsent(date.value(), i);
      if (first != null) {
        findings.add(
            path,
            "\"" + text.get() + "\" is listed twice (also schedule.closed[" + first + "])",
            "list each closed day once");
      }
    }
  }
}
