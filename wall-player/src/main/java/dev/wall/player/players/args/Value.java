package dev.wall.player.players.args;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What an allowed option's value may be. Each is a closed form (numbers, names, choices), so no
 * value can name a file, a URL or a program unless a rule says exactly which ones it may.
 *
 * @param described how a message says it: "a whole number", "one of yes, no"
 */
public record Value(String described, Predicate<String> test) {
  /** A decimal number, signed: volumes, delays, zoom. */
  public static final Value NUMBER = pattern("-?(\\d{1,9}(\\.\\d{1,9})?|\\.\\d{1,9})", "a number");

  public static final Value WHOLE = pattern("-?\\d{1,9}", "a whole number");

  /** Names of built-in things (decoders, scalers, contexts), joined by commas. */
  public static final Value NAMES =
      pattern(
          "[A-Za-z0-9][A-Za-z0-9._+-]{0,63}(,[A-Za-z0-9][A-Za-z0-9._+-]{0,63}){0,31}",
          "names of the player's own, like auto or drm, separated by commas");

  /** One name of the player's own. */
  public static final Value NAME =
      pattern("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}", "a name of the player's own, like bilinear");

  /**
   * An aspect ratio: {@code 16:9}, {@code 1.78}, or a ratio a player reads as "none" ({@code -1},
   * {@code 0}, {@code no}).
   */
  public static final Value ASPECT =
      pattern(
          "no|-1|0|\\d{1,5}(\\.\\d{1,6})?(:\\d{1,5}(\\.\\d{1,6})?)?", "a ratio like 16:9 or 1.78");

  /** Pixels across and down: {@code 1920x1080}. */
  public static final Value SIZE = pattern("\\d{1,5}x\\d{1,5}", "a size like 1920x1080");

  /**
   * An ALSA device by card and number: ALSA's own names such as {@code file} and {@code pipe}, or a
   * device defined inline, write to files or run programs, so only these forms pass.
   */
  public static final String ALSA_DEVICE =
      "(default|sysdefault|hdmi|iec958|plughw|hw|front|dmix)(:[A-Za-z0-9_]{1,32}(=[A-Za-z0-9_]{1,32})?"
          + "(,[A-Za-z0-9_]{1,32}(=[A-Za-z0-9_]{1,32})?){0,3})?";

  /** The whole value matches {@code regex}. */
  public static Value pattern(String regex, String described) {
    Pattern pattern = Pattern.compile(regex);
    return new Value(described, value -> pattern.matcher(value).matches());
  }

  public static Value oneOf(String... choices) {
    List<String> allowed = List.of(choices);
    return new Value("one of " + String.join(", ", allowed), allowed::contains);
  }

  /** Names from {@code choices}, joined by commas. */
  public static Value namesFrom(String... choices) {
    List<String> allowed = List.of(choices);
    return new Value(
        "names from " + String.join(", ", allowed) + ", separated by commas",
        value ->
            !value.isEmpty()
                && !value.endsWith(",")
                && Arrays.stream(value.split(",")).allMatch(allowed::contains));
  }

  /** A value this one or {@code other} takes. */
  public Value or(Value other) {
    return new Value(described + ", or " + other.described, test.or(other.test));
  }

  boolean accepts(String value) {
    return test.test(value);
  }
}
