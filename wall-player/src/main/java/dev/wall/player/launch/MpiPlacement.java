package dev.wall.player.launch;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.Screen;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many ranks each host takes: one slot per screen. {@link MpirunCommand} then pins rank i to
 * {@code screens[i].host}, whatever order the screens are in.
 */
public final class MpiPlacement {
  private final List<Screen> screens;

  public MpiPlacement(Layout layout) {
    this.screens = layout.screens();
  }

  /** Hosts in first-use order, each with its number of screens. */
  public Map<String, Integer> slotsPerHost() {
    Map<String, Integer> slots = new LinkedHashMap<>();
    screens.forEach(screen -> slots.merge(screen.host(), 1, Integer::sum));
    return slots;
  }

  /** Open MPI hostfile: {@code host slots=N}, one line per host. */
  public String hostfile() {
    StringBuilder text = new StringBuilder("# Written by wall: one slot per screen on each host.\n");
    slotsPerHost().forEach((host, slots) -> text.append(host).append(" slots=").append(slots).append('\n'));
    return text.toString();
  }

  public int ranks() {
    return screens.size();
  }
}
