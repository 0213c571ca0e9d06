package dev.wall.player.control;

/**
 * Where a command came from, for the log line every accepted command gets and for the events.
 *
 * @param way {@code ctl}, {@code http} or {@code osc}
 * @param peer who: the local user for {@code ctl}, the address and port for HTTP and OSC
 */
public record CommandSource(String way, String peer) {
  @Override
  public String toString() {
    return way + " from " + peer;
  }
}
