package dev.wall.player.control.alerts;

import java.time.Instant;
import java.util.Map;

/**
 * One alert, raised or resolved.
 *
 * @param kind {@code screen-given-up}, {@code node-lost}, {@code not-playing} or {@code skew}
 * @param subject what it is about: the screen, the host, or the wall
 * @param raised true when raised, false when resolved
 * @param summary one line for a person
 */
public record Alert(
    String kind,
    String subject,
    boolean raised,
    Instant at,
    String summary,
    Map<String, String> facts) {
  public Alert {
    facts = Map.copyOf(facts);
  }

  /** The alert's identity: one is open per key at most. */
  public String key() {
    return kind + ":" + subject;
  }
}
