package dev.wall.player.cli.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.player.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per rule of {@code schedule}, through the whole CLI: a valid layout with one thing
 * broken, and the exact line {@code wall validate} must print for it, with exit code 2.
 */
class ScheduleRulesTest {
  static final String MUSEUM =
      """
      {
        "version": 1,
        "mediaRoot": "/srv/wall/media",
        "schedule": {
          "timezone": "Europe/Paris",
          "open": [
            {"days": "Mon-Fri", "from": "09:30", "to": "18:00"},
            {"days": "Sat,Sun", "from": "10:00", "to": "19:00"}
          ],
          "closed": ["2026-12-25", "2027-01-01"],
          "wakeSeconds": 30,
          "displayPower": "auto"
        },
        "screens": [{"name": "left", "host": "rpi1", "media": "left.mp4"}]
      }
      """;

  @TempDir Path dir;

  private static Arguments rule(String name, String expected, String... fromTo) {
    return Arguments.of(Named.of(name, List.of(fromTo)), List.of(expected.split("\n")));
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        rule(
            "the time zone is a tz name",
            "schedule.timezone: unknown time zone \"Europe/Pariss\"; did you mean \"Europe/Paris\"?",
            "\"Europe/Paris\"",
            "\"Europe/Pariss\""),
        rule(
            "a city alone finds its zone",
            "schedule.timezone: unknown time zone \"Lisbon\"; did you mean \"Europe/Lisbon\"?",
            "\"Europe/Paris\"",
            "\"Lisbon\""),
        rule(
            "a time zone that is nothing like one",
            "schedule.timezone: unknown time zone \"Mars/Olympus\"; use a name from the tz database, like \"Europe/Paris\" or \"America/New_York\"",
            "\"Europe/Paris\"",
            "\"Mars/Olympus\""),
        rule(
            "the time zone is required",
            "schedule.timezone: is missing; add the wall's time zone, like \"timezone\": \"Europe/Paris\"",
            "\"timezone\": \"Europe/Paris\",",
            ""),
        rule(
            "to before from",
            "schedule.open[0].to: is before \"from\" (09:30); a window ends after it starts; one that runs past midnight is two windows, one to \"24:00\" and one from \"00:00\" the next day",
            "\"to\": \"18:00\"",
            "\"to\": \"08:00\""),
        rule(
            "to equal to from",
            "schedule.open[1].to: is the same time as \"from\" (10:00); a window ends after it starts; one that runs past midnight is two windows, one to \"24:00\" and one from \"00:00\" the next day",
            "\"to\": \"19:00\"",
            "\"to\": \"10:00\""),
        rule(
            "overlapping windows",
            "schedule.open[1]: overlaps schedule.open[0] on Fri (10:00-19:00 and 09:30-18:00); give each day its hours once: make the windows meet or part, or drop the day from one of them",
            "\"Sat,Sun\"",
            "\"Fri-Sun\""),
        rule(
            "a time that is not a time",
            "schedule.open[0].from: \"9:30\" is not a time; write a 24-hour time like \"09:30\"",
            "\"09:30\"",
            "\"9:30\""),
        rule(
            "24:00 only ends a window",
            "schedule.open[0].from: \"24:00\" is not a time of day; write a 24-hour time like \"09:30\"",
            "\"09:30\"",
            "\"24:00\""),
        rule(
            "a day that is not a day",
            "schedule.open[0].days: \"Monday\" is not a day; did you mean \"Mon\"? write days like \"Mon-Fri\" or \"Sat,Sun\" (Mon Tue Wed Thu Fri Sat Sun)",
            "\"Mon-Fri\"",
            "\"Monday-Fri\""),
        rule(
            "a day named twice",
            "schedule.open[0].days: Wed is named twice; name each day once, like \"Mon-Fri\"",
            "\"Mon-Fri\"",
            "\"Mon-Fri,Wed\""),
        rule(
            "a window needs its days",
            "schedule.open[0].days: is missing; add it, like \"days\": \"Mon-Fri\"",
            "\"days\": \"Mon-Fri\", ",
            ""),
        rule(
            "no windows at all",
            "schedule.open: must have 1 to 100 windows, got 0; add a window like {\"days\": \"Mon-Fri\", \"from\": \"09:30\", \"to\": \"18:00\"}, or remove \"schedule\" to play at all hours",
            "{\"days\": \"Mon-Fri\", \"from\": \"09:30\", \"to\": \"18:00\"},\n      {\"days\": \"Sat,Sun\", \"from\": \"10:00\", \"to\": \"19:00\"}",
            ""),
        rule(
            "a closed date that is not in the calendar",
            "schedule.closed[0]: \"2026-02-30\" is not a date in the calendar; write it as YEAR-MONTH-DAY, like \"2026-12-25\"",
            "\"2026-12-25\"",
            "\"2026-02-30\""),
        rule(
            "a closed date written the other way",
            "schedule.closed[1]: \"01/01/2027\" is not a date; write it as YEAR-MONTH-DAY, like \"2026-12-25\"",
            "\"2027-01-01\"",
            "\"01/01/2027\""),
        rule(
            "a closed date twice",
            "schedule.closed[1]: \"2026-12-25\" is listed twice (also schedule.closed[0]); list each closed day once",
            "\"2027-01-01\"",
            "\"2026-12-25\""),
        rule(
            "wakeSeconds is bounded",
            "schedule.wakeSeconds: must be between 0 and 3600, got 7200; the seconds before opening that the displays turn on and the wall starts; the default, 30, suits most walls",
            "\"wakeSeconds\": 30",
            "\"wakeSeconds\": 7200"),
        rule(
            "displayPower is a known name",
            "schedule.displayPower: unknown displayPower \"dpms\"; use one of auto, cec, vcgencmd, wayland, x11, none",
            "\"displayPower\": \"auto\"",
            "\"displayPower\": \"dpms\""),
        rule(
            "an unknown field in the schedule",
            "schedule.timezone: is missing; add the wall's time zone, like \"timezone\": \"Europe/Paris\"\n"
                + "schedule.timeZone: unknown field; did you mean \"timezone\"?",
            "\"timezone\"",
            "\"timeZone\""),
        rule(
            "opening hours at the top level",
            "open: unknown field here; it belongs in \"schedule\": {\"open\": [ ... ]}",
            "\"version\": 1,",
            "\"version\": 1, \"open\": [],"),
        rule(
            "every problem, each on its line",
            "schedule.timezone: unknown time zone \"Paris/France\"; use a name from the tz database, like \"Europe/Paris\" or \"America/New_York\"\n"
                + "schedule.open[0].to: \"25:00\" is not a time of day; write a 24-hour time like \"09:30\" (\"24:00\" is midnight at the end of the day)\n"
                + "schedule.open[1].days: \"Sab\" is not a day; write days like \"Mon-Fri\" or \"Sat,Sun\" (Mon Tue Wed Thu Fri Sat Sun)",
            "\"Europe/Paris\"",
            "\"Paris/France\"",
            "\"18:00\"",
            "\"25:00\"",
            "\"Sat,Sun\"",
            "\"Sab,Sun\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void everyRuleHasItsOwnExactLine(List<String> fromTo, List<String> expected) throws Exception {
    String text = MUSEUM;
    for (int i = 0; i < fromTo.size(); i += 2) {
      assertTrue(text.contains(fromTo.get(i)), "the base layout has no " + fromTo.get(i));
      text = text.replace(fromTo.get(i), fromTo.get(i + 1));
    }
    Path file = dir.resolve("layout.json");
    Files.writeString(file, text);

    Cli result = Cli.run("validate", file);

    assertEquals(
        expected.stream().map(line -> file + ": " + line).toList(), result.errLines(), text);
    assertEquals(2, result.code());
    assertEquals("", result.out());
  }

  @Test
  void theMuseumScheduleIsValid() throws Exception {
    Path file = dir.resolve("museum.json");
    Files.writeString(file, MUSEUM);
    Cli result = Cli.run("validate", file);
    assertEquals(0, result.code(), result.err());
  }

  @Test
  void windowsThatMeetAreNotAnOverlap() throws Exception {
    Path file = dir.resolve("split.json");
    Files.writeString(
        file,
        MUSEUM.replace(
            "{\"days\": \"Sat,Sun\", \"from\": \"10:00\", \"to\": \"19:00\"}",
            "{\"days\": \"Mon-Fri\", \"from\": \"18:00\", \"to\": \"24:00\"}, {\"days\": \"Sat\", \"from\": \"00:00\", \"to\": \"02:00\"}"));
    Cli result = Cli.run("validate", file);
    assertEquals(0, result.code(), result.err());
  }
}
