package dev.wall.player.status;

import dev.wall.core.sync.ScreenState;
import dev.wall.player.wire.WallStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Each screen's skew over the last hour, for the page's plots, in fixed memory: a ring of {@link
 * #SLOTS} slots per screen, each the skew furthest from the wall (in frames, with its sign) among
 * the control rounds of its {@link #SLOT} of time, or nothing when the screen did not play then.
 */
public final class SkewHistory implements Consumer<WallStatus> {
  public static final Duration SPAN = Duration.ofHours(1);
  public static final Duration SLOT = Duration.ofSeconds(10);
  public static final int SLOTS = (int) (SPAN.toSeconds() / SLOT.toSeconds());

  /**
   * One screen's hour, oldest first: {@link #SLOTS} values in frames, NaN where it did not play.
   */
  public record Trace(String screen, double[] frames) {}

  private final Clock clock;
  private final Map<String, double[]> rings = new LinkedHashMap<>();
  private final Map<String, long[]> slotOf = new LinkedHashMap<>();

  public SkewHistory(List<String> screens, Clock clock) {
    this.clock = clock;
    for (String screen : screens) {
      double[] ring = new double[SLOTS];
      Arrays.fill(ring, Double.NaN);
      long[] slots = new long[SLOTS];
      Arrays.fill(slots, Long.MIN_VALUE);
      rings.put(screen, ring);
      slotOf.put(screen, slots);
    }
  }

  @Override
  public synchronized void accept(WallStatus status) {
    long slot = slot(clock.instant());
    for (WallStatus.Screen screen : status.screens()) {
      double[] ring = rings.get(screen.name());
      if (ring == null || screen.state() != ScreenState.PLAYING || screen.skewMillis() == null) {
        continue;
      }
      double frames = screen.skewFrames(status.frameRate());
      int index = (int) Math.floorMod(slot, (long) SLOTS);
      long[] slots = slotOf.get(screen.name());
      if (slots[index] != slot
          || Double.isNaN(ring[index])
          || Math.abs(frames) > Math.abs(ring[index])) {
        ring[index] = frames;
      }
      slots[index] = slot;
    }
  }

  /** Every screen's last hour up to now, oldest slot first. */
  public synchronized List<Trace> traces() {
    long now = slot(clock.instant());
    List<Trace> traces = new ArrayList<>();
    for (Map.Entry<String, double[]> entry : rings.entrySet()) {
      long[] slots = slotOf.get(entry.getKey());
      double[] out = new double[SLOTS];
      for (int i = 0; i < SLOTS; i++) {
        long slot = now - (SLOTS - 1) + i;
        int index = (int) Math.floorMod(slot, (long) SLOTS);
        out[i] = slots[index] == slot ? entry.getValue()[index] : Double.NaN;
      }
      traces.add(new Trace(entry.getKey(), out));
    }
    return traces;
  }

  private static long slot(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), SLOT.toSeconds());
  }
}
