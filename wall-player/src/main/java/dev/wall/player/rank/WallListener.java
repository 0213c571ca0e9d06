package dev.wall.player.rank;

import dev.wall.player.wire.LoopReport;
import dev.wall.player.wire.WallStatus;

/** What rank 0 tells the outside world as the wall plays. */
public interface WallListener {

  /** After every loop, once all screens met at the seam. */
  void loopEnded(LoopReport report);

  /** Once, when every screen was released together at the start. */
  default void released(int screens) {}

  /**
   * After every control round, before {@link #round}: what it cost rank 0, from leaving its barrier
   * to having sent the command (gathering every position, deciding, broadcasting).
   */
  default void roundCost(double seconds) {}

  /** After every control round (about once a second): where the wall and each screen are. */
  default void round(WallStatus status) {}

  /**
   * A screen's player failed, is being replaced, plays again, or was given up: one line naming it.
   */
  default void screenChanged(String line) {}

  /**
   * A command of show control ({@code wire/ControlLine} number {@code id}) was applied by every
   * screen, or refused: one line saying where, or which screens could not and why.
   */
  default void answered(long id, boolean applied, String text) {}
}
