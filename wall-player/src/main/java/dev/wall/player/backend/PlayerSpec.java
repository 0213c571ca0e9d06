package dev.wall.player.backend;

import dev.wall.core.layout.Audio;
import dev.wall.core.layout.Rect;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything a backend needs to start one screen's player.
 *
 * @param screenName the layout's screen name, used in every message and log name
 * @param media the clip, resolved against mediaRoot
 * @param window where on the display, in pixels; null means full screen on {@code output}
 * @param output the display or HDMI index on the host
 * @param crop the part of the clip to show in span mode, as fractions of the frame; null shows all
 * @param audio where the sound goes
 * @param playerArgs extra arguments from the layout, passed as they are
 * @param workDir a private folder for this screen's socket and log
 * @param environment extra environment for the player process (DISPLAY, FAKETIME in benchmarks)
 * @param debug verbose player logs and control transcripts ({@code wall play --debug}); off, a
 *     player logs its warnings and errors only
 */
public record PlayerSpec(
    String screenName,
    Path media,
    Rect window,
    int output,
    SpanCrop crop,
    Audio audio,
    List<String> playerArgs,
    Path workDir,
    Map<String, String> environment,
    boolean debug) {

  public PlayerSpec(String screenName, Path media, Rect window, int output, SpanCrop crop, Audio audio,
      List<String> playerArgs, Path workDir, Map<String, String> environment) {
    this(screenName, media, window, output, crop, audio, playerArgs, workDir, environment, false);
  }

  public Path log() {
    return workDir.resolve(screenName + ".log");
  }
}
