package dev.wall.core.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Crafted layouts that once hung the validator or ran it out of memory: each is refused at once (a
 * generous deadline stands for "does not hang"), with one line that names the limit.
 */
class LayoutLimitsTest {
  private static final Duration NO_HANG = Duration.ofSeconds(10);

  static final String SMALL =
      """
      {"version": 1, "name": "lobby", "loops": 1, "mediaRoot": "/srv/wall/media",
       "sync": {"toleranceMs": 20, "maxRateTrim": 0.05},
       "screens": [{"name": "left", "host": "rpi1", "media": "left.mp4", "latencyMs": 0}]}
      """;

  private static List<Problem> refused(String text) {
    return assertTimeoutPreemptively(
        NO_HANG,
        () ->
            assertThrows(
                    InvalidLayoutException.class,
                    () -> new LayoutReader().read("crafted.json", text))
                .problems());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"loops\": 1            | \"loops\": 1e10000000         | loops           | exponent beyond ±40",
        "\"loops\": 1            | \"loops\": 1e-999999999       | loops           | exponent beyond ±40",
        "\"maxRateTrim\": 0.05   | \"maxRateTrim\": 1e999999999  | sync.maxRateTrim | exponent beyond ±40",
        "\"maxRateTrim\": 0.05   | \"maxRateTrim\": -1E+99999999999999 | sync.maxRateTrim | exponent beyond ±40",
        "\"latencyMs\": 0        | \"latencyMs\": -1e400         | screens[0].latencyMs | exponent beyond ±40",
        "\"toleranceMs\": 20     | \"toleranceMs\": 100000000000000000000000000000000000000000000 | sync.toleranceMs | 45 digits",
        "\"maxRateTrim\": 0.05   | \"maxRateTrim\": 0.0000000000000000000000000000000000000000005 | sync.maxRateTrim | 44 digits",
      })
  void aNumberTooBigToConvertIsRefusedByItsText(String from, String to, String path, String why) {
    assertTrue(SMALL.contains(from), from);
    List<Problem> problems = refused(SMALL.replace(from, to));
    assertEquals(1, problems.size(), problems.toString());
    assertEquals(path, problems.get(0).jsonPath());
    assertTrue(problems.get(0).what().contains(why), problems.get(0).line());
  }

  @Test
  void aNumberLongerThanTheParserTakesIsOneLine() {
    List<Problem> problems =
        refused(SMALL.replace("\"loops\": 1", "\"loops\": 1" + "0".repeat(200)));
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(
        problems
            .get(0)
            .what()
            .startsWith("too big to be a layout: a number is written with more than 100"),
        problems.get(0).line());
  }

  /** 99 KB, 2,000 screens on one host: once 2 million collisions and an OutOfMemoryError. */
  @Test
  void twoThousandScreensAreOneLineAboutTheLimit() {
    String screens =
        IntStream.range(0, 2000)
            .mapToObj(i -> "{\"name\":\"s" + i + "\",\"host\":\"rpi1\",\"media\":\"a.mp4\"}")
            .collect(Collectors.joining(",\n"));
    String text = "{\"version\":1,\"mediaRoot\":\"/m\",\"screens\":[\n" + screens + "]}";
    assertTrue(text.length() > 90_000 && text.length() < 100_000, "" + text.length());
    assertEquals(
        List.of(
            "crafted.json: screens: lists 2000 screens, more than 256; split the wall into several"
                + " layouts"),
        lines(refused(text)));
  }

  @Test
  void problemsAreCappedAndSaySo() {
    String screens =
        IntStream.range(0, 256)
            .mapToObj(i -> "{\"name\":\"s" + i + "\",\"host\":\"rpi1\",\"media\":\"a.mp4\"}")
            .collect(Collectors.joining(","));
    List<Problem> problems =
        refused("{\"version\":1,\"mediaRoot\":\"/m\",\"screens\":[" + screens + "]}");
    assertEquals(101, problems.size());
    assertEquals(
        "crafted.json: screens[1].window: is not set, so this screen fills the display (host rpi1,"
            + " output 0) that screens[0] also uses; give both screens a window, or put one on another output",
        problems.get(0).line());
    assertEquals(
        "crafted.json: breaks 155 more rules than the 100 shown (the first found); fix these, then run"
            + " wall validate again; is this the right file?",
        problems.get(100).line());
  }

  @Test
  void aScreenCollidingWithSeveralIsReportedOnce() {
    String text =
        SMALL.replace(
            "\"screens\": [",
            "\"screens\": [{\"name\": \"a\", \"host\": \"rpi1\", \"media\": \"a.mp4\"},"
                + "{\"name\": \"b\", \"host\": \"rpi1\", \"media\": \"a.mp4\"},");
    assertEquals(
        List.of(
            "crafted.json: screens[1].window: is not set, so this screen fills the display (host rpi1, output 0) that"
                + " screens[0] also uses; give both screens a window, or put one on another output",
            "crafted.json: screens[2].window: is not set, so this screen fills the display (host rpi1, output 0) that"
                + " screens[0] also uses; give both screens a window, or put one on another output"),
        lines(refused(text)));
  }

  @Test
  void textLongerThanAnyFieldNeedsIsOneLineWithoutTheText() {
    String text = SMALL.replace("\"host\": \"rpi1\"", "\"host\": \"" + "a".repeat(500_000) + "\"");
    assertEquals(
        List.of(
            "crafted.json: screens[0].host: is 500000 characters long, more than the 4096 any text"
                + " of a layout may have; shorten it"),
        lines(refused(text)));
  }

  /** A suggestion compares letter by letter only words of about the same length. */
  @Test
  void aSuggestionForAHugeWordIsAnsweredAtOnce() {
    String huge = "Europe/Paris".repeat(100_000);
    assertTimeoutPreemptively(
        NO_HANG,
        () ->
            assertTrue(
                Suggestions.closest(huge, java.time.ZoneId.getAvailableZoneIds()).isEmpty()));
  }

  @Test
  void nestingDeeperThanTheLimitIsOneLine() {
    String deep = "[".repeat(40) + "]".repeat(40);
    List<Problem> problems = refused(SMALL.replace("\"loops\": 1", "\"loops\": " + deep));
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(
        problems
            .get(0)
            .line()
            .contains("too big to be a layout: objects and lists nest more than 32 deep"),
        problems.get(0).line());
  }

  @Test
  void aFieldNameLongerThanTheLimitIsOneLine() {
    List<Problem> problems = refused(SMALL.replace("\"loops\"", "\"" + "x".repeat(300) + "\""));
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(
        problems
            .get(0)
            .what()
            .startsWith("too big to be a layout: a field name is longer than 256"),
        problems.get(0).line());
  }

  @Test
  void moreValuesThanAnyLayoutHasIsOneLine() {
    String many = "[" + "0,".repeat(100_000) + "0]";
    List<Problem> problems = refused(SMALL.replace("\"loops\": 1", "\"loops\": " + many));
    assertEquals(
        List.of(
            "crafted.json: holds more than 100000 values; a layout for 256 screens has a few thousand;"
                + " check that this is the layout file"),
        lines(problems));
  }

  @Test
  void aLongDnsListIsOneLine() {
    String dns = IntStream.range(0, 5000).mapToObj(i -> "\"x\"").collect(Collectors.joining(","));
    List<Problem> problems =
        refused(SMALL.replace("\"sync\"", "\"network\": {\"dns\": [" + dns + "]}, \"sync\""));
    assertEquals(
        List.of(
            "crafted.json: network.dns: lists 5000 servers, more than 8; give the one or two DNS servers"
                + " of the wall's network"),
        lines(problems));
  }

  private static List<String> lines(List<Problem> problems) {
    return problems.stream().map(Problem::line).toList();
  }
}
