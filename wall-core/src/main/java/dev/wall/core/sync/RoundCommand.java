package dev.wall.core.sync;

/**
 * What rank 0 tells every rank after a control round.
 *
 * @param action what to do next
 * @param rates each rank's playback rate from now on
 * @param seeks each rank's seek target in seconds, or NaN for none
 * @param message for ABORT: the lines naming the failed screens
 * @param endsIn for AWAIT_END: seconds until the longest clip's last frame, at its rate
 * @param reference where the wall is: the median playing screen's position at the round's instant
 *     (virtual in independent loop mode), which a recovering screen aims at; NaN when unknown
 */
public record RoundCommand(
    Action action,
    double[] rates,
    double[] seeks,
    String message,
    double endsIn,
    double reference) {

  public RoundCommand(Action action, double[] rates, double[] seeks, String message) {
    this(action, rates, seeks, message, 0, Double.NaN);
  }

  public RoundCommand(
      Action action, double[] rates, double[] seeks, String message, double endsIn) {
    this(action, rates, seeks, message, endsIn, Double.NaN);
  }

  /** The same command, telling every rank where the wall is. */
  public RoundCommand withReference(double wallPosition) {
    return new RoundCommand(action, rates, seeks, message, endsIn, wallPosition);
  }

  public enum Action {
    /** Keep playing at the given rates; next round in about a second. */
    PLAY,
    /** The longest clip ends soon: wait for your last frame, then meet at the seam. */
    AWAIT_END,
    /** Stop everything: no screen can play (every one failed, or a rank cannot go on). */
    ABORT
  }

  public static RoundCommand abort(String message, int size) {
    return new RoundCommand(Action.ABORT, ones(size), nans(size), message);
  }

  public static double[] ones(int size) {
    double[] rates = new double[size];
    java.util.Arrays.fill(rates, 1.0);
    return rates;
  }

  public static double[] nans(int size) {
    double[] seeks = new double[size];
    java.util.Arrays.fill(seeks, Double.NaN);
    return seeks;
  }
}
