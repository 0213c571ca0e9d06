package dev.wall.core.sync;

/**
 * What one rank reports at each control round: its screen's health, and its position sampled as the
 * round's barrier released it. A rank that was not scheduled at once samples later than the others;
 * {@link CommonInstant} moves the samples of ranks that share a clock to one instant. A screen that
 * is not {@link ScreenState#PLAYING} has no position: the control loop leaves it out.
 *
 * @param failure null unless the rank cannot go on at all; then one line naming the screen (a
 *     player that fails is not such a failure: it is recovered in place, see {@link Health})
 * @param position seconds into the clip when sampled
 * @param duration the clip's length in seconds
 * @param atEnd the last frame is shown and held
 * @param rate the playback rate in force
 * @param sampledAtNanos when the position was sampled, on {@code clock}
 * @param clock which monotonic clock {@code sampledAtNanos} is on (ranks on one machine share one),
 *     or null when unknown
 * @param health the screen's state, its player restarts and its last error
 */
public record RankStatus(
    String failure,
    double position,
    double duration,
    boolean atEnd,
    double rate,
    long sampledAtNanos,
    String clock,
    Health health) {

  /**
   * A screen's health as its rank keeps it.
   *
   * @param state playing, recovering or given up
   * @param restarts players started in place of a failed one, since the wall started
   * @param lastError the last failure of its player, naming the screen and host, or null
   * @param lastErrorAtMillis when that was, in milliseconds since the epoch, or 0
   * @param droppedFrames frames its players dropped because they could not decode or show them in
   *     time, since the wall started (every player of the screen, replaced ones too)
   */
  public record Health(
      ScreenState state,
      int restarts,
      String lastError,
      long lastErrorAtMillis,
      long droppedFrames) {
    public static final Health PLAYING = new Health(ScreenState.PLAYING, 0, null, 0);

    /** A screen whose players have dropped no frame. */
    public Health(ScreenState state, int restarts, String lastError, long lastErrorAtMillis) {
      this(state, restarts, lastError, lastErrorAtMillis, 0);
    }
  }

  public RankStatus {
    health = health == null ? Health.PLAYING : health;
  }

  public static RankStatus healthy(double position, double duration, boolean atEnd, double rate) {
    return new RankStatus(null, position, duration, atEnd, rate, 0, null, Health.PLAYING);
  }

  public static RankStatus failed(String failure) {
    return new RankStatus(failure, 0, 0, false, 1, 0, null, Health.PLAYING);
  }

  /** A screen that is not playing now: recovering or given up. */
  public static RankStatus notPlaying(Health health) {
    return new RankStatus(null, 0, 0, false, 1, 0, null, health);
  }

  /** The same status, sampled at {@code nanos} on {@code clockId}. */
  public RankStatus sampledAt(long nanos, String clockId) {
    return new RankStatus(failure, position, duration, atEnd, rate, nanos, clockId, health);
  }

  /** The same status with {@code newHealth}. */
  public RankStatus with(Health newHealth) {
    return new RankStatus(
        failure, position, duration, atEnd, rate, sampledAtNanos, clock, newHealth);
  }

  /** The same status at {@code newPosition} (a virtual one, in independent loop mode). */
  public RankStatus at(double newPosition) {
    return new RankStatus(
        failure, newPosition, duration, atEnd, rate, sampledAtNanos, clock, health);
  }

  /** The rank can go on (its screen may still be recovering). */
  public boolean ok() {
    return failure == null;
  }

  /** The screen plays in step: its position counts. */
  public boolean playing() {
    return ok() && health.state() == ScreenState.PLAYING;
  }

  public ScreenState state() {
    return health.state();
  }

  /** Seconds of clip left to play. */
  public double remaining() {
    return Math.max(0, duration - position);
  }
}
