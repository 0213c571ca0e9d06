package dev.wall.core.sync;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.Screen;
import dev.wall.core.layout.SyncSettings;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * Rank 0's control law: keeps every screen on the median screen's position by trimming playback
 * rates, never by a visible jump unless a screen is hopelessly behind (a stall).
 *
 * <p>A PI controller per rank. The proportional term removes an error over about {@code 1/KP}
 * seconds. The integral term learns a screen's steady skew (a crystal that runs fast) so the error
 * stays inside the dead band instead of cycling around its edge. Inside the dead band ({@code
 * toleranceMs}) nothing is learnt and only the learnt rate is applied, so the loop rests instead of
 * hunting. Rates stay within ±{@code maxRateTrim}.
 *
 * <p>After a release (the start, and every seam) screens start a few milliseconds apart, as each
 * player takes its unpause. For the first rounds after one that offset is trimmed away without
 * learning anything from it: it is not skew, and learnt as skew it would later push the screen out
 * of the band again, round after round.
 *
 * <p>With hysteresis: a screen that left the band is trimmed until it is back within a third of it,
 * not merely to its edge. Otherwise every corrected screen rests at the edge, and with 8 screens
 * half of them at +10 ms and half at −10 ms the wall spans more than half a frame (seen in the
 * pixel benchmark's 8-screen case: median spread 1 in the first loop).
 *
 * <p>A wall with a clock screen (the screen with sound, or the one {@code sync.reference} names)
 * keeps that screen's time instead of the median's: its rate stays exactly 1, so its sound is never
 * bent, and every other screen follows it. Only when it is more than {@code seekThresholdMs} from
 * the median of the others (it stalled) is it the one that seeks.
 *
 * <p>Each screen's {@code latencyMs} shifts its target: a panel that shows frames 100 ms late is
 * driven 100 ms ahead. Positions are compared, and skew reported, with the shift taken off.
 *
 * <p>A screen whose player failed is left out (not playing) until a new player has taken its place;
 * it then {@linkplain #rejoined rejoins} like a screen just released: its offset is trimmed (or,
 * far off, sought) without being learnt, while what it learnt before, its node's clock, stays.
 */
public final class DriftCorrector {
  /** Per second: half of an error is removed each second. Below 1 per round, so no overshoot. */
  static final double KP = 0.5;

  /** Per second squared: learns a constant skew within a few tens of seconds. */
  static final double KI = 0.05;

  /** Errors beyond this many dead bands are transients, not skew: nothing is learnt from them. */
  static final double LEARN_BELOW_TOLERANCES = 4;

  /** Rounds after a release in which offsets are trimmed but nothing is learnt. */
  static final int ALIGN_ROUNDS = 5;

  /** A screen being corrected is corrected until its error is within this share of the band. */
  static final double SETTLE_WITHIN_TOLERANCE = 1 / 3.0;

  /** A seek lands a little late (decode time); aim that much ahead of the reference. */
  static final double SEEK_LEAD_SECONDS = 0.040;

  /**
   * The widest dead band, in frames: two screens resting at its opposite edges are then 0.6 frame
   * apart, and a screenshot mostly finds them on the same frame. At 30 fps that is the default 10
   * ms; at 60 fps, 5 ms, where 10 ms let screens rest a frame apart.
   */
  static final double MAX_BAND_FRAMES = 0.3;

  private final double bandFromSettings;
  private double tolerance;

  /** Screens whose decoder cannot keep up: still corrected, but not part of the reference. */
  private final boolean[] behind;

  private final double seekThreshold;
  private final double maxTrim;
  private final double[] learnt;
  private final boolean[] settling;
  private final double[] latency;
  private final int clock;
  private final int[] roundsSinceRelease;

  /** A silent wall of screens on time: the median screen's time is kept. */
  public DriftCorrector(SyncSettings settings, int ranks) {
    this(settings, OptionalInt.empty(), new double[ranks]);
  }

  /** The layout's screens: their latencies, and the clock screen, if the wall has one. */
  public DriftCorrector(SyncSettings settings, List<Screen> screens) {
    this(
        settings,
        Layout.clockScreen(screens, settings),
        screens.stream().mapToDouble(screen -> screen.latencyMs() / 1000.0).toArray());
  }

  /**
   * @param clock the screen whose time the wall keeps, never trimmed; empty for the median
   * @param latencySeconds per screen, how far ahead of the others it is driven
   */
  public DriftCorrector(SyncSettings settings, OptionalInt clock, double[] latencySeconds) {
    this.bandFromSettings = settings.toleranceMs() / 1000.0;
    this.tolerance = bandFromSettings;
    this.seekThreshold = settings.seekThresholdMs() / 1000.0;
    this.maxTrim = settings.maxRateTrim();
    this.learnt = new double[latencySeconds.length];
    this.settling = new boolean[latencySeconds.length];
    this.behind = new boolean[latencySeconds.length];
    this.roundsSinceRelease = new int[latencySeconds.length];
    this.latency = latencySeconds.clone();
    this.clock = clock.orElse(-1);
  }

  /**
   * The clips' frame rate, once known: the dead band narrows to {@link #MAX_BAND_FRAMES} of a frame
   * where the settings' is wider.
   */
  public void frameRate(double framesPerSecond) {
    tolerance =
        framesPerSecond > 0
            ? Math.min(bandFromSettings, MAX_BAND_FRAMES / framesPerSecond)
            : bandFromSettings;
  }

  /**
   * The outcome of one round: new rates and seeks per rank, and what was measured.
   *
   * @param reference where every screen is held: the median playing position, or the clock
   *     screen's, less each screen's latencyMs (a screen's own target is this plus its latency);
   *     NaN with none
   */
  public record Correction(
      double[] rates, double[] seeks, boolean[] trimmed, double skewSeconds, double reference) {

    public int trims() {
      int count = 0;
      for (boolean t : trimmed) {
        count += t ? 1 : 0;
      }
      return count;
    }

    public int seekCount() {
      return (int) java.util.Arrays.stream(seeks).filter(seek -> !Double.isNaN(seek)).count();
    }
  }

  /**
   * @param positions each rank's position at the same instant, in seconds
   * @param playing which ranks are still playing (not holding their last frame)
   * @param dt seconds since the previous round
   */
  public Correction correct(double[] positions, boolean[] playing, double dt) {
    int n = positions.length;
    for (int i = 0; i < n; i++) {
      roundsSinceRelease[i]++;
    }
    double[] rates = RoundCommand.ones(n);
    double[] seeks = RoundCommand.nans(n);
    boolean[] trimmed = new boolean[n];
    double[] shifted = new double[n];
    for (int i = 0; i < n; i++) {
      shifted[i] = positions[i] - latency[i];
    }
    double[] active = activePositions(shifted, playing);
    if (active.length < 2) {
      return new Correction(rates, seeks, trimmed, 0, active.length == 1 ? active[0] : Double.NaN);
    }
    boolean[] referees = keepingUp(playing);
    double reference = median(activePositions(shifted, referees));
    double skew = active[active.length - 1] - active[0];
    boolean byClock = clock >= 0 && playing[clock];
    if (byClock) {
      double[] keeping = activePositions(shifted, without(referees, clock));
      double others =
          median(keeping.length > 0 ? keeping : activePositions(shifted, without(playing, clock)));
      if (Math.abs(shifted[clock] - others) > seekThreshold) {
        // The clock screen stalled or jumped: it alone moves, to where the others are.
        seeks[clock] = others + latency[clock] + SEEK_LEAD_SECONDS;
        reference = others;
      } else {
        reference = shifted[clock];
      }
    } else if (clock < 0) {
      recentreLearnt(referees);
    }
    for (int i = 0; i < n; i++) {
      if (!playing[i] || byClock && i == clock) {
        continue; // the clock screen plays at exactly 1: its sound is never bent
      }
      double error = shifted[i] - reference;
      if (Math.abs(error) > seekThreshold) {
        seeks[i] = reference + latency[i] + SEEK_LEAD_SECONDS;
        rates[i] = clamp(1 + learnt[i]);
        continue;
      }
      settling[i] =
          Math.abs(error) > (settling[i] ? tolerance * SETTLE_WITHIN_TOLERANCE : tolerance);
      rates[i] = rateFor(i, error, dt);
      trimmed[i] = settling[i];
    }
    return new Correction(rates, seeks, trimmed, skew, reference);
  }

  private double rateFor(int rank, double error, double dt) {
    if (!settling[rank]) {
      return clamp(1 + learnt[rank]);
    }
    double proportional = 1 + learnt[rank] - KP * error;
    // Anti-windup: learn only from small errors while the output is not saturated, so a large
    // transient (a late start, a stall) is not mistaken for skew and does not overshoot.
    if (roundsSinceRelease[rank] > ALIGN_ROUNDS
        && Math.abs(error) < LEARN_BELOW_TOLERANCES * tolerance
        && clamp(proportional) == proportional) {
      learnt[rank] = clampTrim(learnt[rank] - KI * error * dt);
    }
    return clamp(1 + learnt[rank] - KP * error);
  }

  /**
   * Screens are held to each other, so only the differences between learnt trims mean anything;
   * their common part would slow or speed the whole wall away from real time a little more every
   * round. Keep the median screen's learnt trim at zero: the wall keeps the median clock's time.
   */
  private void recentreLearnt(boolean[] playing) {
    double[] active =
        java.util.stream.IntStream.range(0, learnt.length)
            .filter(i -> playing[i])
            .mapToDouble(i -> learnt[i])
            .sorted()
            .toArray();
    double common = median(active);
    for (int i = 0; i < learnt.length; i++) {
      learnt[i] = clampTrim(learnt[i] - common);
    }
  }

  /**
   * Whether screen {@code rank}'s decoder cannot keep up (it drops frames). Such a screen is still
   * held to the others, but its position no longer counts in the reference: on a 2-screen wall the
   * median is the mean of the two, and a screen that lags would pull the healthy one back with it.
   */
  public void behind(int rank, boolean lags) {
    behind[rank] = lags;
  }

  /**
   * The playing screens that keep up; all the playing ones where none (or only one) would be left.
   */
  private boolean[] keepingUp(boolean[] playing) {
    boolean[] keeping = playing.clone();
    int left = 0;
    for (int i = 0; i < keeping.length; i++) {
      keeping[i] &= !behind[i];
      left += keeping[i] ? 1 : 0;
    }
    return left >= 1 ? keeping : playing;
  }

  /** Every screen was just released together (a seam): the next rounds align without learning. */
  public void released() {
    java.util.Arrays.fill(roundsSinceRelease, 0);
  }

  /**
   * Screen {@code rank} plays again after its player was replaced: like a release, for it alone.
   * What it had learnt is kept: that is its node's clock, which a new player shares.
   */
  public void rejoined(int rank) {
    roundsSinceRelease[rank] = 0;
    settling[rank] = false;
  }

  /** The skew this rank's clock showed, as learnt so far: rate trim in force when at rest. */
  public double learntTrim(int rank) {
    return learnt[rank];
  }

  private double clamp(double rate) {
    return Math.max(1 - maxTrim, Math.min(1 + maxTrim, rate));
  }

  private double clampTrim(double trim) {
    return Math.max(-maxTrim, Math.min(maxTrim, trim));
  }

  private static boolean[] without(boolean[] playing, int rank) {
    boolean[] others = playing.clone();
    others[rank] = false;
    return others;
  }

  private static double[] activePositions(double[] positions, boolean[] playing) {
    return java.util.stream.IntStream.range(0, positions.length)
        .filter(i -> playing[i])
        .mapToDouble(i -> positions[i])
        .sorted()
        .toArray();
  }

  static double median(double[] sorted) {
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  @Override
  public String toString() {
    return "DriftCorrector" + Arrays.toString(learnt);
  }
}
