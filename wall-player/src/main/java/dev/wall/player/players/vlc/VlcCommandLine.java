package dev.wall.player.players.vlc;

import dev.wall.core.layout.Audio;
import dev.wall.core.layout.Rect;
import dev.wall.player.players.MediaInfo;
import dev.wall.player.players.PlayerSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds VLC's argv for one screen. Pure, so golden tests can check it. */
final class VlcCommandLine {
  private VlcCommandLine() {}

  /**
   * @param runAs the user to start VLC as through {@code runuser}, or null to start it directly
   */
  static List<String> argv(
      PlayerSpec spec, VlcOptions options, Path rcSocket, MediaInfo clip, String runAs) {
    List<String> argv = new ArrayList<>();
    if (runAs != null) {
      argv.addAll(List.of("runuser", "-u", runAs, "--"));
    }
    argv.add(options.executable());
    // Nothing on screen but the video, and no input that could change it.
    argv.addAll(
        List.of(
            "--no-video-title-show",
            "--no-osd",
            "--video-title=" + windowTitle(spec.screenName()),
            "--no-video-deco",
            "--no-snapshot-preview",
            "--no-keyboard-events",
            "--no-mouse-events"));
    // Held on the first frame at the start, on the last frame at the end; we loop, VLC does not.
    argv.addAll(
        List.of(
            "--start-paused",
            "--play-and-pause",
            "--no-loop",
            "--no-repeat",
            "--file-caching=" + options.fileCachingMillis()));
    argv.addAll(placement(spec.window()));
    if (spec.crop() != null) {
      argv.add("--crop=" + cropGeometry(spec.crop().inPixels(clip.width(), clip.height())));
    }
    if (spec.audio() == Audio.NONE) {
      argv.add("--no-audio");
    }
    if (options.vout() != null && !options.vout().isEmpty()) {
      argv.add("--vout=" + options.vout());
    }
    argv.addAll(spec.playerArgs());
    argv.addAll(lastWord(rcSocket));
    argv.add("--");
    argv.add(spec.media().get(0).toString());
    return argv;
  }

  /**
   * The wall's own options, after the layout's {@code playerArgs} because VLC takes the last value
   * of an option, so that no layout can undo them, not even with {@code allowPlayerCode}: control
   * through the old rc interface on the wall's socket ({@code --rc-fake-tty}: stdin is not a
   * terminal), none through D-Bus, and no Lua at all (VLC's Lua interfaces run code).
   */
  static List<String> lastWord(Path rcSocket) {
    return List.of(
        "--extraintf",
        "oldrc",
        "--rc-unix",
        rcSocket.toString(),
        "--rc-fake-tty",
        "--no-dbus",
        "--no-lua");
  }

  static String windowTitle(String screenName) {
    return "wall:" + screenName;
  }

  /**
   * VLC 3 under X ignores all four (its window takes the video's size at 0,0); the backend then
   * sizes and moves it.
   */
  private static List<String> placement(Rect window) {
    if (window == null) {
      return List.of("--fullscreen");
    }
    return List.of(
        "--width=" + window.width(),
        "--height=" + window.height(),
        "--video-x=" + window.x(),
        "--video-y=" + window.y());
  }

  /**
   * VLC's crop geometry in pixels of the decoded picture. It looks like {@code WxH+X+Y}, but VLC
   * 3.0 reads the first pair as the right and bottom edges (checked against 3.0.24 with a colour
   * grid: {@code 480x180+160+0} shows x 160..480, y 0..180), so that is what we write.
   */
  static String cropGeometry(Rect crop) {
    return crop.right() + "x" + crop.bottom() + "+" + crop.x() + "+" + crop.y();
  }
}
