package dev.wall.player.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wall.core.sync.ScreenState;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where the wall is after a control round, screen by screen: what rank 0 sends the controller about
 * once a second ({@link RankMessage.Status}), and what {@code wall status} shows.
 *
 * @param loop the loop being played, from 1
 * @param loops loops planned, 0 for forever
 * @param position where the wall is in its loop, in seconds (the median playing screen)
 * @param skewMillis the spread of the playing screens' positions at this round
 * @param frameRate frames per second of the clips, to express skews in frames
 * @param screens every screen, in rank order
 * @param item the playlist item the wall is in, from 1 (1 without a playlist; 0 from a rank that
 *     does not say)
 * @param paused show control paused the wall: every screen holds one frame, on purpose
 * @param blanked show control blanked the wall: every screen shows black, on purpose
 */
public record WallStatus(
    int loop,
    int loops,
    double position,
    double skewMillis,
    double frameRate,
    List<Screen> screens,
    int item,
    boolean paused,
    boolean blanked) {
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /**
   * What a screen falling behind means, and what to do about it: the console says it as the screen
   * falls behind, {@code wall status} for as long as it is behind.
   */
  public static final String BEHIND_ADVICE =
      "its decoder cannot keep up with the clip; give the node a clip it decodes in hardware, or a"
          + " smaller one (wall doctor says which)";

  public WallStatus {
    screens = List.copyOf(screens);
  }

  /** A wall in item 1 (one clip per screen, or the first item). */
  public WallStatus(
      int loop,
      int loops,
      double position,
      double skewMillis,
      double frameRate,
      List<Screen> screens) {
    this(loop, loops, position, skewMillis, frameRate, screens, 1);
  }

  /** A wall in item {@code item}, neither paused nor blanked. */
  public WallStatus(
      int loop,
      int loops,
      double position,
      double skewMillis,
      double frameRate,
      List<Screen> screens,
      int item) {
    this(loop, loops, position, skewMillis, frameRate, screens, item, false, false);
  }

  /** The same wall, paused or blanked by show control as said. */
  public WallStatus withShow(boolean nowPaused, boolean nowBlanked) {
    return new WallStatus(
        loop, loops, position, skewMillis, frameRate, screens, item, nowPaused, nowBlanked);
  }

  /**
   * One screen.
   *
   * @param state playing, recovering, given up or stopped
   * @param position seconds into its clip, or null when it is not playing
   * @param skewMillis how far ahead of the wall (negative: behind), or null when not playing
   * @param rate its playback rate
   * @param restarts players started in place of a failed one since this run of the wall started
   * @param lastError its player's last failure, or null
   * @param lastErrorAt when, as an ISO-8601 instant, or null
   * @param droppedFrames frames its players dropped since the wall started, because they could not
   *     decode or show them in time
   * @param behind its player is dropping frames now: its decoder cannot keep up with the clip
   */
  public record Screen(
      String name,
      String host,
      ScreenState state,
      Double position,
      Double skewMillis,
      double rate,
      int restarts,
      String lastError,
      String lastErrorAt,
      long droppedFrames,
      boolean behind) {

    /** A screen whose players have dropped no frame. */
    public Screen(
        String name,
        String host,
        ScreenState state,
        Double position,
        Double skewMillis,
        double rate,
        int restarts,
        String lastError,
        String lastErrorAt) {
      this(
          name,
          host,
          state,
          position,
          skewMillis,
          rate,
          restarts,
          lastError,
          lastErrorAt,
          0,
          false);
    }

    /**
     * A screen falling behind, its host and what to do, as one line; null when it keeps up. {@code
     * wall status} prints it under the table.
     */
    public String behindLine() {
      return behind && state == ScreenState.PLAYING
          ? "screen "
              + name
              + " on "
              + host
              + ": falling behind ("
              + droppedFrames
              + " frames dropped so far): "
              + BEHIND_ADVICE
          : null;
    }

    /** Its state as people read it: a playing screen that drops frames is said to fall behind. */
    public String stateLabel() {
      return behind && state == ScreenState.PLAYING ? "playing, falling behind" : state.label();
    }

    /** The skew in frames, or null when not playing. */
    public Double skewFrames(double frameRate) {
      return skewMillis == null ? null : skewMillis / 1000 * frameRate;
    }

    /** The same screen, shown as stopped (no wall plays it now). */
    public Screen stopped() {
      return new Screen(
          name,
          host,
          ScreenState.STOPPED,
          null,
          null,
          rate,
          restarts,
          lastError,
          lastErrorAt,
          droppedFrames,
          false);
    }
  }

  public double skewFrames() {
    return skewMillis / 1000 * frameRate;
  }

  /** The live status line on a terminal: where the wall is, and any screen that is not playing. */
  public String line() {
    String line =
        String.format(
            Locale.ROOT,
            "loop %d/%s at %.1f s, skew %.1f ms (%.2f frames)",
            loop,
            loops == 0 ? "forever" : String.valueOf(loops),
            position,
            skewMillis,
            skewFrames());
    String away =
        screens.stream()
            .filter(s -> s.state() != ScreenState.PLAYING || s.behind())
            .map(s -> s.name() + " " + s.stateLabel())
            .collect(Collectors.joining(", "));
    String show = (paused ? "; paused" : "") + (blanked ? "; blanked" : "");
    return (away.isEmpty() ? line : line + "; " + away) + show;
  }

  /** The same wall with every screen stopped. */
  public WallStatus stopped() {
    return new WallStatus(
        loop,
        loops,
        position,
        0,
        frameRate,
        screens.stream().map(Screen::stopped).toList(),
        item,
        false,
        false);
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "a wall status that JSON cannot hold: " + e.getOriginalMessage(), e);
    }
  }

  /** Reads {@link #toJson}; fields it does not know (from a newer wall) are passed over. */
  public static WallStatus fromJson(String json) {
    try {
      return JSON.readValue(json, WallStatus.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a wall status: " + e.getOriginalMessage(), e);
    }
  }
}
