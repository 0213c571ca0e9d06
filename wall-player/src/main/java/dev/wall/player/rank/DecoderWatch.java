package dev.wall.player.rank;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Rank 0's watch on one screen's dropped frames: a player that drops frames is one whose decoder
 * (or output) cannot keep up with its clip, and the wall must say so rather than show it as in
 * step. The screen falls behind when it drops {@link #BEHIND_FRAMES} or more within {@link
 * #WINDOW_NANOS}, and keeps up again after {@link #CALM_NANOS} without a drop, so one hiccup is not
 * news and a screen that drops now and then does not flap.
 */
final class DecoderWatch {
  static final long BEHIND_FRAMES = 3;
  static final long WINDOW_NANOS = 5_000_000_000L;
  static final long CALM_NANOS = 30_000_000_000L;

  /** (when, count) pairs within the window, oldest first. */
  private final Deque<long[]> recent = new ArrayDeque<>();

  private long total;
  private long atLoopStart;
  private long lastDropAt = Long.MIN_VALUE;
  private boolean behind;

  /** Behind at some observation since the loop began. */
  private boolean behindInLoop;

  /**
   * The screen's running count at {@code nanos}; true when that makes it fall behind or keep up
   * again (see {@link #behind}).
   */
  boolean observe(long droppedSoFar, long nanos) {
    if (droppedSoFar < total) {
      // A count that went back: the screen's rank started over; count on from here.
      atLoopStart = 0;
      recent.clear();
    }
    if (droppedSoFar > total) {
      lastDropAt = nanos;
    }
    total = droppedSoFar;
    recent.addLast(new long[] {nanos, droppedSoFar});
    while (recent.size() > 1 && nanos - recent.peekFirst()[0] > WINDOW_NANOS) {
      recent.removeFirst();
    }
    boolean was = behind;
    if (!behind && total - recent.peekFirst()[1] >= BEHIND_FRAMES) {
      behind = true;
    } else if (behind && nanos - lastDropAt > CALM_NANOS) {
      behind = false;
    }
    behindInLoop |= behind;
    return behind != was;
  }

  boolean behind() {
    return behind;
  }

  long total() {
    return total;
  }

  /** Whether the screen was behind at some observation of this loop (until {@link #finishLoop}). */
  boolean behindInLoop() {
    return behindInLoop;
  }

  /**
   * Frames dropped since the last call (the loop's), and a new loop begins: one the screen enters
   * behind counts as behind.
   */
  long finishLoop() {
    long inLoop = total - atLoopStart;
    atLoopStart = total;
    behindInLoop = behind;
    return Math.max(0, inLoop);
  }
}
