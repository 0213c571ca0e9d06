package dev.wall.player.wire;

import java.util.List;
import java.util.Locale;

/**
 * One loop of the wall, as rank 0 saw it.
 *
 * @param loop 1-based loop number
 * @param loops loops planned, 0 for forever
 * @param seconds wall time from release to the seam
 * @param maxSkewSeconds the worst spread of positions across screens at any control round
 * @param frameRate frames per second of the clips, to express the skew in frames
 * @param trims rate corrections made, all screens
 * @param seeks seeks made to recover a stalled screen, all screens
 * @param screens the same, per screen
 * @param items each playlist item the loop played, in order (one for a wall of single clips)
 * @param roundMillisMedian what a control round cost rank 0 (gather, decide, broadcast), the loop's
 *     median, in milliseconds; 0 when not measured
 * @param roundMillisMax the same, the loop's worst
 */
public record LoopReport(
    int loop,
    int loops,
    double seconds,
    double maxSkewSeconds,
    double frameRate,
    int trims,
    int seeks,
    List<ScreenLoop> screens,
    List<ItemPlayed> items,
    double roundMillisMedian,
    double roundMillisMax) {

  /** A loop of one clip per screen. */
  public LoopReport(
      int loop,
      int loops,
      double seconds,
      double maxSkewSeconds,
      double frameRate,
      int trims,
      int seeks,
      List<ScreenLoop> screens) {
    this(
        loop,
        loops,
        seconds,
        maxSkewSeconds,
        frameRate,
        trims,
        seeks,
        screens,
        List.of(new ItemPlayed(1, maxSkewSeconds, 0)));
  }

  /** A loop of playlist items, its control-round costs not yet known. */
  public LoopReport(
      int loop,
      int loops,
      double seconds,
      double maxSkewSeconds,
      double frameRate,
      int trims,
      int seeks,
      List<ScreenLoop> screens,
      List<ItemPlayed> items) {
    this(loop, loops, seconds, maxSkewSeconds, frameRate, trims, seeks, screens, items, 0, 0);
  }

  /** The same, with the loop's control-round costs (a median and the worst), in seconds. */
  public LoopReport withRoundCosts(double medianSeconds, double maxSeconds) {
    return new LoopReport(
        loop,
        loops,
        seconds,
        maxSkewSeconds,
        frameRate,
        trims,
        seeks,
        screens,
        items,
        medianSeconds * 1000,
        maxSeconds * 1000);
  }

  /**
   * One screen's part of a loop: where it ended and what was done to it.
   *
   * @param state at the seam: playing, recovering or given up
   * @param restarts players started in place of a failed one, since the wall started
   * @param droppedFrames frames its players dropped in this loop, because they could not decode or
   *     show them in time
   * @param played it played in this loop (in step, at some control round): a screen frozen or
   *     recovering all loop long did not
   * @param behind it was falling behind at some round of this loop: its player dropped frames
   *     because its decoder cannot keep up with the clip (not one hiccup)
   */
  public record ScreenLoop(
      String name,
      String host,
      double endPosition,
      double rate,
      int trims,
      int seeks,
      String state,
      int restarts,
      long droppedFrames,
      boolean played,
      boolean behind) {

    /** A screen's loop in which it never fell behind. */
    public ScreenLoop(
        String name,
        String host,
        double endPosition,
        double rate,
        int trims,
        int seeks,
        String state,
        int restarts,
        long droppedFrames,
        boolean played) {
      this(
          name,
          host,
          endPosition,
          rate,
          trims,
          seeks,
          state,
          restarts,
          droppedFrames,
          played,
          false);
    }

    /** A screen's loop with no frame dropped. */
    public ScreenLoop(
        String name,
        String host,
        double endPosition,
        double rate,
        int trims,
        int seeks,
        String state,
        int restarts) {
      this(name, host, endPosition, rate, trims, seeks, state, restarts, 0, true);
    }
  }

  /**
   * One playlist item of the loop.
   *
   * @param item from 1
   * @param maxSkewSeconds the worst spread of positions at any control round while it played
   * @param rounds control rounds while it played
   */
  public record ItemPlayed(int item, double maxSkewSeconds, int rounds) {}

  public double maxSkewMillis() {
    return maxSkewSeconds * 1000;
  }

  public double maxSkewFrames() {
    return maxSkewSeconds * frameRate;
  }

  public String line() {
    String of = loops == 0 ? "forever" : String.valueOf(loops);
    String playlist = items.size() > 1 ? ", " + items.size() + " items" : "";
    if (!screens.isEmpty() && screens.stream().noneMatch(ScreenLoop::played)) {
      return String.format(
          Locale.ROOT,
          "loop %d/%s: %.2f s, no screen played (%s)",
          loop,
          of,
          seconds,
          screens.stream()
              .map(s -> s.name() + " " + s.state())
              .collect(java.util.stream.Collectors.joining(", ")));
    }
    String notPlayed =
        screens.stream()
            .filter(s -> !s.played())
            .map(s -> s.name() + " " + s.state())
            .collect(java.util.stream.Collectors.joining(", "));
    String dropped =
        screens.stream()
            .filter(s -> s.droppedFrames() > 0)
            .map(s -> s.name() + " " + s.droppedFrames())
            .collect(java.util.stream.Collectors.joining(", "));
    String behind =
        screens.stream()
            .filter(ScreenLoop::behind)
            .map(ScreenLoop::name)
            .collect(java.util.stream.Collectors.joining(", "));
    return String.format(
            Locale.ROOT,
            "loop %d/%s: %.2f s%s, skew max %.1f ms (%.2f frames), corrections: %d rate trims, %d seeks%s",
            loop,
            of,
            seconds,
            playlist,
            maxSkewMillis(),
            maxSkewFrames(),
            trims,
            seeks,
            dropped.isEmpty() ? "" : "; frames dropped: " + dropped)
        + (behind.isEmpty() ? "" : "; falling behind: " + behind)
        + (notPlayed.isEmpty() ? "" : "; did not play: " + notPlayed);
  }
}
