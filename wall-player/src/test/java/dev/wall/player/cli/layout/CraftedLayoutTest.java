package dev.wall.player.cli.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.player.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The crafted layouts of the security review, through {@code wall validate}: each once hung it or
 * ended in an OutOfMemoryError, a crash loop under Restart=always. Now each is exit 2 and one line,
 * within the 2 s the issue gives (once the CLI itself is loaded).
 */
class CraftedLayoutTest {
  private static final Duration DEADLINE = Duration.ofSeconds(2);
  static final String BASE =
      """
      {"version": 1, "name": "lobby", "loops": 1, "mediaRoot": "/srv/wall/media",
       "sync": {"maxRateTrim": 0.05},
       "screens": [{"name": "left", "host": "rpi1", "media": "left.mp4"}]}
      """;

  @TempDir static Path dir;

  @BeforeAll
  static void loadTheCli() throws Exception {
    Path ok = Files.writeString(dir.resolve("ok.json"), BASE);
    assertEquals(0, Cli.run("validate", ok).code());
  }

  private static Cli validate(String name, String text) throws Exception {
    Path file = Files.writeString(dir.resolve(name), text);
    return assertTimeoutPreemptively(DEADLINE, () -> Cli.run("validate", file));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"loops\": 1          | \"loops\": 1e10000000        | loops: the number 1e10000000 is written with an exponent beyond ±40",
        "\"loops\": 1          | \"loops\": 1e-999999999      | loops: the number 1e-999999999 is written with an exponent beyond ±40",
        "\"maxRateTrim\": 0.05 | \"maxRateTrim\": 1e999999999 | sync.maxRateTrim: the number 1e999999999 is written with an exponent beyond ±40",
      })
  void aCraftedNumberIsExit2AndOneLine(String from, String to, String start) throws Exception {
    Cli run = validate("number.json", BASE.replace(from, to));
    assertEquals(2, run.code(), run.err());
    assertEquals(1, run.errLines().size(), run.err());
    assertTrue(
        run.errLines().get(0).startsWith(dir.resolve("number.json") + ": " + start), run.err());
  }

  @Test
  void twoThousandScreensAreExit2AndOneLineAboutTheLimit() throws Exception {
    String screens =
        IntStream.range(0, 2000)
            .mapToObj(
                i -> String.format("{\"name\":\"s%05d\",\"host\":\"rpi1\",\"media\":\"a.mp4\"}", i))
            .collect(Collectors.joining(",\n"));
    String text = "{\"version\":1,\"mediaRoot\":\"/m\",\"screens\":[\n" + screens + "]}";
    assertTrue(text.length() > 98_000 && text.length() < 100_000, "" + text.length());
    Cli run = validate("screens.json", text);
    assertEquals(2, run.code(), run.err());
    assertEquals(
        List.of(
            dir.resolve("screens.json")
                + ": screens: lists 2000 screens, more than 256; split the wall"
                + " into several layouts"),
        run.errLines());
  }

  @Test
  void aHostInArabicIndicDigitsIsNotAnAddress() throws Exception {
    Cli run =
        validate(
            "digits.json",
            BASE.replace("\"rpi1\"", "\"\u0661\u0669\u0662.\u0661\u0666\u0668.\u0661.\u0661\""));
    assertEquals(2, run.code(), run.err());
    assertEquals(
        List.of(
            dir.resolve("digits.json")
                + ": screens[0].host: \"\u0661\u0669\u0662.\u0661\u0666\u0668"
                + ".\u0661.\u0661\" is not a valid hostname or IP address; hostnames use letters, digits and '-' only"),
        run.errLines());
  }
}
