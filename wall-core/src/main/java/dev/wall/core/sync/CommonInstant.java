package dev.wall.core.sync;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves the positions of ranks that share a clock to one instant before they are compared.
 *
 * <p>Every rank samples its position as a round's barrier releases it, but a rank that the
 * scheduler leaves waiting samples later: on a busy machine with several screens (8 players on 2
 * cores, measured: up to 25 ms), that reads as a screen ahead by as much, and the control loop
 * trims a rate for nothing. Ranks on one machine read one monotonic clock, so each one's sample can
 * be moved back, at its rate, to the earliest sample on that clock, which is the nearest to the
 * barrier's release. Ranks on different machines keep their own instants: their clocks are not
 * comparable, and one rank per machine is not kept waiting by its neighbours.
 */
public final class CommonInstant {
  private CommonInstant() {}

  /**
   * Each rank's position at its clock's earliest playing sample; as reported when its clock is
   * unknown.
   */
  public static double[] positions(List<RankStatus> all) {
    Map<String, Long> earliest = new HashMap<>();
    for (RankStatus status : all) {
      if (status.playing() && status.clock() != null) {
        earliest.merge(status.clock(), status.sampledAtNanos(), Math::min);
      }
    }
    double[] positions = new double[all.size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = at(all.get(i), earliest);
    }
    return positions;
  }

  private static double at(RankStatus status, Map<String, Long> earliest) {
    if (!status.playing() || status.clock() == null || status.atEnd()) {
      return status.position(); // a held last frame does not move; a screen not playing is left out
    }
    double late = (status.sampledAtNanos() - earliest.get(status.clock())) / 1e9;
    return status.position() - late * status.rate();
  }
}
