package dev.wall.player.players.omxplayer;

import dev.wall.core.layout.Rect;
import dev.wall.player.players.MediaInfo;
import dev.wall.player.players.PlayerException;
import dev.wall.player.players.PlayerSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds omxplayer's argv and environment for one screen. Pure, so golden tests can check it. */
final class OmxplayerCommandLine {
  /** omxplayer's own name; each screen gets its own below it. */
  static final String BUS_NAME_PREFIX = "org.mpris.MediaPlayer2.omxplayer.wall_";

  private OmxplayerCommandLine() {}

  /**
   * Never {@code --loop}: it seeks back through a black or console flash. We pause before the end
   * and seek back ourselves, while paused.
   */
  static List<String> argv(PlayerSpec spec, OmxplayerOptions options, MediaInfo clip)
      throws PlayerException {
    List<String> argv = new ArrayList<>();
    argv.add(options.executable());
    argv.add("--no-osd");
    argv.add("--display");
    argv.add(Integer.toString(display(spec)));
    argv.add("--aspect-mode");
    argv.add("stretch");
    if (spec.window() != null) {
      argv.add("--win");
      argv.add(corners(spec.window(), " "));
    }
    if (spec.crop() != null) {
      argv.add("--crop");
      argv.add(corners(spec.crop().inPixels(clip.width(), clip.height()), ","));
    }
    argv.addAll(audio(spec));
    argv.addAll(spec.playerArgs());
    // After the layout's playerArgs, as omxplayer takes the last: no keys, and the wall's bus name.
    argv.addAll(List.of("--no-keys", "--dbus_name", busName(spec.screenName())));
    argv.add("--");
    argv.add(spec.media().get(0).toString());
    return argv;
  }

  /** omxplayer takes rectangles as two corners, {@code x1 y1 x2 y2}, not as a size. */
  static String corners(Rect rect, String separator) {
    return rect.x() + separator + rect.y() + separator + rect.right() + separator + rect.bottom();
  }

  /** Dispmanx display numbers on a Pi 4: 2 is HDMI0, 7 is HDMI1. */
  static int display(PlayerSpec spec) throws PlayerException {
    return switch (spec.output()) {
      case 0 -> 2;
      case 1 -> 7;
      default ->
          throw new PlayerException(
              spec.screenName()
                  + ": output "
                  + spec.output()
                  + " does not exist for omxplayer; a Pi has HDMI0 (output 0) and HDMI1 (output 1)");
    };
  }

  /** {@code -n -1} selects no audio stream, so a silent screen does not hold the audio device. */
  static List<String> audio(PlayerSpec spec) {
    return switch (spec.audio()) {
      case HDMI -> List.of("-o", "hdmi");
      case LOCAL -> List.of("-o", "local");
      case BOTH -> List.of("-o", "both");
      case NONE -> List.of("-n", "-1");
    };
  }

  /**
   * A bus name that is unique per screen and valid for D-Bus whatever the screen is called: letters
   * and digits stay, every other character becomes {@code _} and its hex code, so no two screen
   * names share a bus name.
   */
  static String busName(String screenName) {
    StringBuilder name = new StringBuilder(BUS_NAME_PREFIX);
    for (char c : screenName.toCharArray()) {
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        name.append(c);
      } else {
        name.append('_').append(String.format("%02x", (int) c));
      }
    }
    return name.toString();
  }

  /** The wrapper's library path, and the private bus in place of the wrapper's shared one. */
  static Map<String, String> environment(
      PlayerSpec spec, OmxplayerOptions options, String busAddress, String inheritedLibraryPath) {
    Map<String, String> env = new HashMap<>(spec.environment());
    String libraries = options.libraryPath();
    if (inheritedLibraryPath != null && !inheritedLibraryPath.isEmpty()) {
      libraries += ":" + inheritedLibraryPath;
    }
    env.put("LD_LIBRARY_PATH", libraries);
    env.put("DBUS_SESSION_BUS_ADDRESS", busAddress);
    return env;
  }
}
