package dev.wall.player.players;

import java.time.Duration;

/**
 * One screen's video player, driven for sync. Positions are seconds from the start of the clip.
 *
 * <p>Lifecycle: {@link #prepare} once (the clip is loaded, paused on frame 0, in its window), then
 * {@link #release}, {@link #pause}, {@link #seekTo} and {@link #setRate} any number of times, then
 * {@link #stop}. Calls come from one thread, but for {@link #ping} and {@link #stop}, which a
 * watchdog may call from another at any time; a backend may use its own threads inside. Every call
 * that waits for the player has a deadline.
 *
 * <p>A playlist is played in steps: a loop is every step in turn, and a step's end is a seam where
 * the wall meets, as at the end of a loop. A player that plays the list as one timeline (or a
 * single clip) has one step; one that plays item by item has a step per item. "The clip" above is
 * the current step's: {@link #duration}, {@link #position} and {@link #reachedEnd} are the step's.
 */
public interface Player extends AutoCloseable {

  /**
   * Starts the player, loads the clip and holds it paused on frame 0. Returns when that is shown.
   */
  void prepare(Duration timeout) throws PlayerException;

  /** Starts (or resumes) playback. Returns as soon as the player has been told. */
  void release() throws PlayerException;

  void pause() throws PlayerException;

  /**
   * Absolute seek; exact when {@link Capabilities#seeksExactly()}. Returns when the frame is shown.
   */
  void seekTo(double seconds, Duration timeout) throws PlayerException;

  /**
   * The position of the frame on screen now, in seconds, as fine as {@link
   * Capabilities#positionResolutionSeconds()} (VLC counts whole seconds).
   */
  double position() throws PlayerException;

  /** The playback rate; 1.0 is normal speed. Only when {@link Capabilities#trimsRate()}. */
  void setRate(double rate) throws PlayerException;

  /** True once the last frame is shown and held (end of this loop). */
  boolean reachedEnd() throws PlayerException;

  /** The clip's length in seconds, known after {@link #prepare}. */
  double duration() throws PlayerException;

  /** Frames per second of the clip, known after {@link #prepare}. */
  double frameRate() throws PlayerException;

  Capabilities capabilities();

  /**
   * Frames this player dropped since it started because it could not decode or show them in time: a
   * screen whose decoder cannot keep up. 0 where the backend cannot tell. Cheap: a control round
   * may ask it every time.
   */
  default long droppedFrames() {
    return 0;
  }

  /**
   * Null while the player shows new frames (or need not: paused, holding its last frame); else one
   * line saying that it stalled while playing, and on what, naming the clip: a screen frozen on one
   * frame must not pass for one in step. May read the clip's storage, within a deadline.
   */
  default String stalledOn() {
    return null;
  }

  /** Whether {@link #screenshotTo} works: the status page's thumbnails. */
  default boolean takesScreenshots() {
    return false;
  }

  /**
   * Saves the frame on screen now, the video alone at its own size, to {@code picture} (the format
   * from its extension: {@code .jpg}, {@code .png}). Only when {@link #takesScreenshots()}.
   */
  default void screenshotTo(java.nio.file.Path picture, Duration timeout) throws PlayerException {
    throw new PlayerException("this player cannot take a screenshot");
  }

  /**
   * Shows black over the whole picture ({@code on}), not a held frame, while the clip plays on
   * beneath; or the picture again. Show control's {@code blank} and {@code unblank}.
   *
   * @throws PlayerException when this player cannot, saying so
   */
  default void blank(boolean on) throws PlayerException {
    throw new PlayerException("this player cannot show black on command");
  }

  /**
   * Shows {@code clip} paused on its first frame in place of the show, and returns when it is
   * shown: show control's {@code trigger}. With {@code crop}, only that part of the clip fills the
   * screen (a span across the wall); a blanked screen stays black. {@link #backToShow} brings the
   * show back.
   *
   * @throws PlayerException when this player cannot, saying so
   */
  default void showClip(java.nio.file.Path clip, SpanCrop crop, Duration timeout)
      throws PlayerException {
    throw new PlayerException("this player cannot play a triggered clip");
  }

  /**
   * After {@link #showClip}: the show again, step {@code step} held paused on its first frame, and
   * returns when that is shown.
   */
  default void backToShow(int step, Duration timeout) throws PlayerException {
    throw new PlayerException("this player cannot play a triggered clip");
  }

  /**
   * Whether it can take new clips while it plays ({@link #switchTo}): show control's reload, at a
   * seam.
   */
  default boolean takesNewClips() {
    return false;
  }

  /**
   * Plays {@code next}'s clips from now on, the first held paused on its first frame, and returns
   * when that is shown: what it showed stays until then, so the switch shows no black. Only the
   * clips differ from the spec it plays.
   *
   * @throws PlayerException when this player cannot, saying so
   */
  default void switchTo(PlayerSpec next, Duration timeout) throws PlayerException {
    throw new PlayerException("this player cannot take new clips while it plays");
  }

  /** Steps in one loop: 1 when the playlist plays as one timeline, else one per item. */
  default int steps() {
    return 1;
  }

  /**
   * Holds step {@code step} paused on its first frame, and returns when that is shown: the start of
   * the next step at a seam. For a one-step player, back to the start of its clip.
   */
  default void showStep(int step, Duration timeout) throws PlayerException {
    seekTo(0, timeout);
  }

  /**
   * Where each playlist item starts in the current step's timeline, in seconds: {@code [0]} for a
   * step that is one item.
   */
  default java.util.List<Double> itemStarts() throws PlayerException {
    return java.util.List.of(0.0);
  }

  /**
   * One cheap round trip to the player, to tell a hung player (one that answers nothing, say
   * stopped by SIGSTOP or stuck in a driver) from a quiet one. Safe to call from any thread while
   * the others run.
   *
   * @throws PlayerException when the player did not answer within {@code deadline}, or is gone
   */
  void ping(Duration deadline) throws PlayerException;

  /**
   * Stops the player process: asks, waits, then forces. Safe to call twice, and from any thread.
   */
  void stop();

  /** Called once, from another thread, if the player process exits without being stopped. */
  void onUnexpectedExit(java.util.function.Consumer<String> listener);

  @Override
  default void close() {
    stop();
  }
}
