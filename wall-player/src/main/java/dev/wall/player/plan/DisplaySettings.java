package dev.wall.player.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The display a screen's player draws on, as the controller was given it ({@code --display}, or its
 * own environment), carried to every rank in its launch arguments. Not through mpirun's {@code -x}:
 * Open MPI 4.1 applies {@code -x} to the first MPMD context only, and the wall puts every screen in
 * a context of its own, so ranks on other nodes got no display at all; a rank started over ssh
 * inherits none of its own.
 *
 * @param variables some of {@link #NAMES}, each with a value that is not empty
 */
public record DisplaySettings(Map<String, String> variables) {
  /**
   * What says where a player draws: X11 (DISPLAY, XAUTHORITY) and Wayland (WAYLAND_DISPLAY,
   * XDG_RUNTIME_DIR).
   */
  public static final List<String> NAMES =
      List.of("DISPLAY", "XAUTHORITY", "WAYLAND_DISPLAY", "XDG_RUNTIME_DIR");

  public static final DisplaySettings NONE = new DisplaySettings(Map.of());

  public DisplaySettings {
    Map<String, String> ordered = new LinkedHashMap<>();
    for (String name : NAMES) {
      String value = variables.get(name);
      if (value != null && !value.isEmpty()) {
        ordered.put(name, value);
      }
    }
    for (String name : variables.keySet()) {
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException(
            name + " is not a display setting (" + String.join(", ", NAMES) + ")");
      }
    }
    variables = java.util.Collections.unmodifiableMap(ordered);
  }

  /**
   * The display settings in {@code environment}, with {@code display} (the --display option) over
   * its DISPLAY.
   */
  public static DisplaySettings from(Map<String, String> environment, String display) {
    Map<String, String> picked = new LinkedHashMap<>();
    for (String name : NAMES) {
      String value = environment.get(name);
      if (value != null) {
        picked.put(name, value);
      }
    }
    if (display != null && !display.isEmpty()) {
      picked.put("DISPLAY", display);
    }
    return new DisplaySettings(picked);
  }

  /** The X display, or null. */
  public String display() {
    return variables.get("DISPLAY");
  }

  /** This and {@code NAME=VALUE}. */
  public DisplaySettings with(String assignment) {
    int eq = assignment.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException("a display setting needs NAME=VALUE, got " + assignment);
    }
    Map<String, String> more = new LinkedHashMap<>(variables);
    more.put(assignment.substring(0, eq), assignment.substring(eq + 1));
    return new DisplaySettings(more);
  }
}
