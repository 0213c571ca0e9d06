package dev.wall.player.media;

import dev.wall.core.layout.Rect;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One file {@code wall media prepare} makes: item {@code item} of screen {@code screen}'s playlist,
 * cut from its source and encoded for the node that decodes it.
 *
 * @param screen the screen's name
 * @param rank the screen's index in the layout
 * @param host the node that decodes it
 * @param item the playlist item, from 0
 * @param sourceName the source as the layout names it
 * @param source the source file
 * @param crop the part of the source the screen shows, in the source's pixels (bezels left out);
 *     null for the whole picture
 * @param width the file's picture width
 * @param height the file's picture height
 * @param codec what it is encoded in
 * @param frameRate frames per second, constant: the same on every screen for this item
 * @param frames how many frames it holds: the same on every screen for this item
 * @param audio whether it keeps the source's sound (the screens with sound only)
 * @param shape what of the layout decides this file ({@link Prepared#shape}): the file is stale
 *     when it changes
 */
public record TileJob(
    String screen,
    int rank,
    String host,
    int item,
    String sourceName,
    Path source,
    Rect crop,
    int width,
    int height,
    VideoCodec codec,
    double frameRate,
    int frames,
    boolean audio,
    String shape) {

  /** Version of how files are made: a change to the encoding settings below makes them anew. */
  static final String RECIPE = "wall-prepare-1";

  /** One key frame a second: a player that seeks lands on one soon, and every screen alike. */
  public int keyInterval() {
    return Math.max(1, (int) Math.round(frameRate));
  }

  public double seconds() {
    return frames / frameRate;
  }

  /** Everything that decides the file's content but the source's own bytes. */
  public String settings() {
    return String.join(
        " ",
        RECIPE,
        "crop=" + (crop == null ? "none" : crop.geometry()),
        "size=" + width + "x" + height,
        "codec=" + codec.ffprobeName(),
        "rate=" + FrameRates.text(frameRate),
        "frames=" + frames,
        "key=" + keyInterval(),
        "audio=" + audio);
  }

  /** For messages: {@code top-left}, or {@code top-left item 2} in a playlist. */
  public String label(boolean playlist) {
    return playlist ? screen + " item " + (item + 1) : screen;
  }

  /** {@code H.264 640x360, 30 fps, 360 frames}. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "%s %dx%d, %s fps, %d frames%s",
        codec.displayName(),
        width,
        height,
        FrameRates.text(frameRate),
        frames,
        audio ? ", the source's sound kept" : "");
  }
}
