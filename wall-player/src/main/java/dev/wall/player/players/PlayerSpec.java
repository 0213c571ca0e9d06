package dev.wall.player.players;

import dev.wall.core.layout.Audio;
import dev.wall.core.layout.Rect;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything a backend needs to start one screen's player.
 *
 * @param screenName the layout's screen name, used in every message and log name
 * @param media the playlist: its clips in order, resolved against mediaRoot (one for a plain clip)
 * @param window where on the display, in pixels; null means full screen on {@code output}
 * @param output the display or HDMI index on the host
 * @param crop the part of the clip to show in span mode, as fractions of the frame; null shows all
 * @param audio where the sound goes
 * @param playerArgs extra arguments from the layout, passed as they are
 * @param workDir a private folder for this screen's socket and log
 * @param environment extra environment for the player process (DISPLAY, FAKETIME in benchmarks)
 * @param oneTimeline play a playlist as one timeline where the player can (items change as frames
 *     do, with no seam), because every item is equally long on every screen; false: item by item,
 *     each item's end a seam where the shorter clips hold their last frame
 * @param debug verbose player logs and control transcripts ({@code wall play --debug}); off, a
 *     player logs its warnings and errors only
 */
public record PlayerSpec(
    String screenName,
    List<Path> media,
    Rect window,
    int output,
    SpanCrop crop,
    Audio audio,
    List<String> playerArgs,
    Path workDir,
    Map<String, String> environment,
    boolean oneTimeline,
    boolean debug) {

  public PlayerSpec {
    media = List.copyOf(media);
    if (media.isEmpty()) {
      throw new IllegalArgumentException("a player needs at least one clip");
    }
  }

  public PlayerSpec(
      String screenName,
      List<Path> media,
      Rect window,
      int output,
      SpanCrop crop,
      Audio audio,
      List<String> playerArgs,
      Path workDir,
      Map<String, String> environment,
      boolean oneTimeline) {
    this(
        screenName,
        media,
        window,
        output,
        crop,
        audio,
        playerArgs,
        workDir,
        environment,
        oneTimeline,
        false);
  }

  /** One clip. */
  public PlayerSpec(
      String screenName,
      Path media,
      Rect window,
      int output,
      SpanCrop crop,
      Audio audio,
      List<String> playerArgs,
      Path workDir,
      Map<String, String> environment) {
    this(
        screenName,
        List.of(media),
        window,
        output,
        crop,
        audio,
        playerArgs,
        workDir,
        environment,
        true,
        false);
  }

  public Path log() {
    return workDir.resolve(screenName + ".log");
  }

  /** Items in the playlist. */
  public int items() {
    return media.size();
  }

  /**
   * The same screen playing item {@code index} alone: what a player that loads one clip at a time
   * starts.
   */
  public PlayerSpec item(int index) {
    return new PlayerSpec(
        screenName,
        List.of(media.get(index)),
        window,
        output,
        crop,
        audio,
        playerArgs,
        workDir,
        environment,
        oneTimeline,
        debug);
  }
}
