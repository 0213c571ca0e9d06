package dev.wall.player.rank;

import dev.wall.player.wire.LoopReport;
import java.util.Locale;

/** What rank 0 tells the outside world as the wall plays. */
public interface WallListener {

  /** After every loop, once all screens met at the seam. */
  void loopEnded(LoopReport report);

  /** Once, when every screen was released together at the start. */
  default void released(int screens) {}

  /** After every control round (about once a second), for a live status line. */
  default void round(RoundSummary summary) {}

  /**
   * One control round: where the wall is and how far apart its screens are.
   *
   * @param costSeconds what the round cost rank 0, from leaving its barrier to having sent the
   *     command: gathering every position, deciding, broadcasting
   */
  record RoundSummary(int loop, int loops, double position, double skewSeconds, double frameRate, double costSeconds) {
    public String line() {
      return String.format(Locale.ROOT, "loop %d/%s at %.1f s, skew %.1f ms (%.2f frames)",
          loop, loops == 0 ? "forever" : String.valueOf(loops), position, skewSeconds * 1000, skewSeconds * frameRate);
    }
  }
}
