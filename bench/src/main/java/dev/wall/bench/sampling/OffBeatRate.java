package dev.wall.bench.sampling;

/**
 * A screenshot rate that does not beat with the clips' frame rate.
 *
 * <p>At 10 screenshots a second and 30 frames, every screenshot falls at the same point of a frame,
 * for as long as both clocks run. If that point is within a millisecond or two of the instant the
 * players put up their next frame, a screen that flips 1 ms after the others shows the previous
 * frame in every screenshot of the loop, and the median spread reads 1 where a person sees the
 * screens together 95% of the time. The benchmark saw exactly that: in about one short run in seven
 * one screen "lagged" a whole first loop, and with mpv's own flip times on record, every screenshot
 * that read it a frame off lay within a few milliseconds of its flip. The next release picks a new
 * phase, which is why a seam always seemed to cure it (docs/sync.md).
 *
 * <p>So the gap between screenshots is a whole number of frames plus 0.382 of one (1 − 1/φ, the
 * step that covers a frame's phases most evenly), and successive screenshots sweep the frame. Then
 * the share of screenshots with spread 1 is the share of time the screens differ.
 */
public final class OffBeatRate {
  /** 1 − 1/φ: consecutive screenshots fall this fraction of a frame further on. */
  public static final double PHASE_STEP = (3 - Math.sqrt(5)) / 2;

  private OffBeatRate() {}

  /**
   * The rate nearest {@code asked} screenshots a second whose gap is n + {@link #PHASE_STEP}
   * frames.
   */
  public static double near(double asked, double framesPerSecond) {
    if (!(asked > 0) || !(framesPerSecond > 0)) {
      throw new IllegalArgumentException(
          "rates must be positive: " + asked + ", " + framesPerSecond);
    }
    long wholeFrames = Math.max(1, Math.round(framesPerSecond / asked - PHASE_STEP));
    return framesPerSecond / (wholeFrames + PHASE_STEP);
  }
}
