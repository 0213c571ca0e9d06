package dev.wall.bench.wall;

import java.util.List;

/**
 * What a case's screens play and how the wall is told to play it: the clips' frame rate, each
 * playlist item's length and the number its frames start at, whether the fast-clock screen is the
 * wall's clock (it has sound), and a screen driven ahead for a slow panel.
 *
 * @param fps the clips' frame rate
 * @param itemSeconds each item's length; every item of every screen is as long
 * @param firstFrames the bar code of each item's first frame: [0] for one clip, [0, 5000] for two
 *     items whose screenshots tell which item a screen shows
 * @param fastScreenIsClock the first screen (the one a fast-clock case speeds up) has sound, so it
 *     is the clock the others follow, never trimmed
 * @param latencyMs the second screen's {@code latencyMs}, 0 for none
 * @param source the clips' own size and bit rate; every window is 320x180 whatever the clip's size
 */
public record Show(
    int fps,
    int itemSeconds,
    List<Integer> firstFrames,
    boolean fastScreenIsClock,
    int latencyMs,
    Source source,
    Content content) {
  /** Issue 5's clips: 30 fps, 20 s, one per screen. */
  public static final Show CLIPS_30 = new Show(30, 20, List.of(0), false, 0);

  /**
   * Bar codes from here up belong to a clip outside every show, one the wall is told to play (show
   * control's trigger): read as they are, not as a place in the loop.
   */
  public static final int OTHER_CLIP_FIRST_FRAME = 7000;

  /**
   * What a clip is made as: its size, and a bit rate for a clip with noise in every frame (what a
   * camera's footage costs to decode), or none for a clean clip of constant quality.
   *
   * @param bitrate as ffmpeg reads it ({@code 2M}), or null for a clean clip
   */
  public record Source(int width, int height, String bitrate) {
    /** A clean clip at the window's own size: one window pixel is one clip pixel. */
    public static final Source WINDOW = new Source(Clips.WIDTH, Clips.HEIGHT, null);

    /**
     * Issue 23's decoding load: 1920x1080 H.264 with noise at about 2 Mb/s, scaled into the window.
     */
    public static final Source FULL_HD_NOISY = new Source(1920, 1080, "2M");

    /** How a clip's file name tells it: nothing for the window's own clip. */
    String suffix() {
      return equals(WINDOW)
          ? ""
          : "-src" + width + "x" + height + (bitrate == null ? "" : "-noise" + bitrate);
    }
  }

  /** What the screens play: each its own clip, or parts of one span video. */
  public enum Content {
    /** Each screen its own bar-coded clip of its window's size. */
    CLIP_PER_SCREEN,
    /**
     * One span video of every screen's bar-coded tile, with bezel gaps between them; each player
     * decodes all of it and crops its region.
     */
    SPAN_CROPPED,
    /** The same span, cut into each screen's own clip by {@code wall media prepare} first. */
    SPAN_PREPARED;

    public boolean span() {
      return this != CLIP_PER_SCREEN;
    }
  }

  /** A show of clips made as {@code source}, one per screen. */
  public Show(
      int fps,
      int itemSeconds,
      List<Integer> firstFrames,
      boolean fastScreenIsClock,
      int latencyMs,
      Source source) {
    this(
        fps,
        itemSeconds,
        firstFrames,
        fastScreenIsClock,
        latencyMs,
        source,
        Content.CLIP_PER_SCREEN);
  }

  /** A show of window-sized clips. */
  public Show(
      int fps,
      int itemSeconds,
      List<Integer> firstFrames,
      boolean fastScreenIsClock,
      int latencyMs) {
    this(fps, itemSeconds, firstFrames, fastScreenIsClock, latencyMs, Source.WINDOW);
  }

  /** The screen {@link #latencyMs} applies to. */
  public static final int LATENCY_SCREEN = 1;

  public Show {
    firstFrames = List.copyOf(firstFrames);
  }

  public Show withFps(int newFps) {
    return new Show(
        newFps, itemSeconds, firstFrames, fastScreenIsClock, latencyMs, source, content);
  }

  /** The same show from clips made as {@code newSource}. */
  public Show withSource(Source newSource) {
    return new Show(
        fps, itemSeconds, firstFrames, fastScreenIsClock, latencyMs, newSource, content);
  }

  /** The same show as {@code newContent}. */
  public Show withContent(Content newContent) {
    return new Show(
        fps, itemSeconds, firstFrames, fastScreenIsClock, latencyMs, source, newContent);
  }

  public int itemFrames() {
    return fps * itemSeconds;
  }

  public int items() {
    return firstFrames.size();
  }

  /** Frames in one loop: every item once. */
  public int loopFrames() {
    return itemFrames() * items();
  }

  /** How many frames ahead the latency screen is driven: its latency in whole frames. */
  public int latencyFrames() {
    return (int) Math.round(latencyMs * fps / 1000.0);
  }

  /**
   * Where in the loop a decoded bar code is, 0 to {@link #loopFrames()} - 1: item k's frames follow
   * item k - 1's; -1 for a number no item has.
   */
  public int loopFrame(int code) {
    for (int item = 0; item < items(); item++) {
      int first = firstFrames.get(item);
      if (code >= first && code < first + itemFrames()) {
        return item * itemFrames() + code - first;
      }
    }
    return -1;
  }
}
