package dev.wall.player.launch;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.Screen;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each rank runs: rank i on {@code screens[i].host}, whatever order the screens are in and
 * however many screens share a host. A hostfile gives each host one slot per screen; a rankfile
 * pins every rank to its host.
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

  /**
   * Open MPI rankfile: {@code rank i=host slot=j}, j counting that host's screens from 0. The
   * slot is a CPU index; the launcher runs with {@code --bind-to none}, so it only places.
   */
  public String rankfile() {
    StringBuilder text = new StringBuilder("# Written by wall: rank i drives screens[i].\n");
    Map<String, Integer> used = new LinkedHashMap<>();
    for (int rank = 0; rank < screens.size(); rank++) {
      String host = screens.get(rank).host();
      int slot = used.merge(host, 1, Integer::sum) - 1;
      text.append("rank ").append(rank).append('=').append(host).append(" slot=").append(slot).append('\n');
    }
    return text.toString();
  }

  public int ranks() {
    return screens.size();
  }
}
