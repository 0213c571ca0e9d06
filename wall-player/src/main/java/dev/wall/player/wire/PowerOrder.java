package dev.wall.player.wire;

import dev.wall.core.layout.DisplayPowerKind;
import dev.wall.player.plan.DisplaySettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The short job that turns one display (a host's output) off or on, between two runs of the wall:
 * the controller writes {@link #args}, the node's {@code PowerMain} reads {@link #parse} and
 * answers with one {@link #resultLine}, which the controller reads with {@link #parseResult}.
 *
 * @param on turn the display on (true) or off
 * @param kind the layout's {@code schedule.displayPower}
 * @param output the HDMI output
 * @param display the display settings the controller was given ({@link DisplaySettings}), which the
 *     node's display power programs need as its players do
 * @param host the host, as the layout spells it (echoed, so the controller names it)
 * @param screens the screens this display shows, comma-separated
 */
public record PowerOrder(
    boolean on,
    DisplayPowerKind kind,
    int output,
    DisplaySettings display,
    String host,
    String screens) {
  static final String RESULT = "@wall power ";

  public List<String> args() {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--state",
                on ? "on" : "off",
                "--kind",
                kind.jsonName(),
                "--output",
                String.valueOf(output),
                "--host",
                host,
                "--screens",
                screens));
    display
        .variables()
        .forEach((name, value) -> args.addAll(List.of("--display-var", name + "=" + value)));
    return args;
  }

  /**
   * @throws IllegalArgumentException naming what is wrong
   */
  public static PowerOrder parse(List<String> args) {
    Boolean on = null;
    DisplayPowerKind kind = null;
    Integer output = null;
    java.util.Map<String, String> display = new java.util.LinkedHashMap<>();
    String host = null;
    String screens = null;
    for (int i = 0; i < args.size(); i += 2) {
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException(args.get(i) + " needs a value");
      }
      String value = args.get(i + 1);
      switch (args.get(i)) {
        case "--state" ->
            on =
                switch (value) {
                  case "on" -> true;
                  case "off" -> false;
                  default ->
                      throw new IllegalArgumentException("--state is on or off, got " + value);
                };
        case "--kind" -> kind = DisplayPowerKind.fromJson(value);
        case "--output" -> output = Integer.parseInt(value);
        case "--display-var" -> {
          int equals = value.indexOf('=');
          if (equals <= 0 || !DisplaySettings.NAMES.contains(value.substring(0, equals))) {
            throw new IllegalArgumentException(
                "--display-var takes one of " + DisplaySettings.NAMES + "=VALUE, got " + value);
          }
          display.put(value.substring(0, equals), value.substring(equals + 1));
        }
        case "--host" -> host = value;
        case "--screens" -> screens = value;
        default -> throw new IllegalArgumentException("unknown argument " + args.get(i));
      }
    }
    if (on == null || kind == null || output == null || host == null || screens == null) {
      throw new IllegalArgumentException(
          "--state, --kind, --output, --host and --screens are required");
    }
    return new PowerOrder(on, kind, output, new DisplaySettings(display), host, screens);
  }

  /** The node's answer: which screens, on which host, and what happened (tab-separated). */
  public String resultLine(String what) {
    return RESULT + host + "\t" + screens + "\t" + what.replace('\n', ' ');
  }

  /** A node's answer, as {@code SCREENS on HOST: WHAT}, or empty for any other line. */
  public static Optional<String> parseResult(String line) {
    if (!line.startsWith(RESULT)) {
      return Optional.empty();
    }
    String[] parts = line.substring(RESULT.length()).split("\t", 3);
    return parts.length == 3
        ? Optional.of(parts[1] + " on " + parts[0] + ": " + parts[2])
        : Optional.empty();
  }
}
