package dev.wall.player.power;

import dev.wall.player.players.Executables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a node offers for turning one screen's display off and on: the screen's output, its X
 * display and Wayland socket, and which programs and devices are there. Injected, so that choosing
 * a backend is tested without the programs.
 *
 * @param output the screen's HDMI output (0 is HDMI0)
 * @param display the X display, such as {@code :0}, or null
 * @param waylandDisplay the Wayland socket name, such as {@code wayland-0}, or null
 */
public record PowerEnvironment(
    int output,
    String display,
    String waylandDisplay,
    Map<String, String> variables,
    Predicate<String> installed,
    Predicate<Path> exists) {

  /** This node as it is. */
  public static PowerEnvironment here(int output, String display, Map<String, String> variables) {
    String wayland =
        Optional.ofNullable(variables.get("WAYLAND_DISPLAY"))
            .orElseGet(() -> waylandSocket(variables));
    return new PowerEnvironment(
        output,
        blankToNull(display != null ? display : variables.get("DISPLAY")),
        blankToNull(wayland),
        variables,
        Executables::installed,
        Files::exists);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /**
   * A compositor's socket in the runtime folder: a rank started over ssh has no WAYLAND_DISPLAY.
   */
  private static String waylandSocket(Map<String, String> variables) {
    String runtime = variables.get("XDG_RUNTIME_DIR");
    if (runtime == null) {
      return null;
    }
    for (String name : new String[] {"wayland-0", "wayland-1"}) {
      if (Files.exists(Path.of(runtime, name))) {
        return name;
      }
    }
    return null;
  }

  /** The CEC device of this output: {@code /dev/cec0} for HDMI0, {@code /dev/cec1} for HDMI1. */
  public Path cecDevice() {
    return Path.of("/dev/cec" + output);
  }

  /** A KMS driver shows its HDMI connectors here; legacy firmware has none. */
  public boolean kms() {
    return exists.test(Path.of("/sys/class/drm/card0-HDMI-A-1"))
        || exists.test(Path.of("/sys/class/drm/card1-HDMI-A-1"));
  }
}
