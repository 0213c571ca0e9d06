package dev.wall.player.plan;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.Screen;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a running wall can take from a changed layout at a loop's seam (show control's {@code
 * reload}): its clips, each screen's playlist and the span's, the loop count, the layout's name,
 * where a published wall plays from (which is which clips it plays) and what a node's board is
 * (what its clips are prepared for; no rank reads it). Anything else (a screen, a host, a window,
 * the player, its options, the opening hours, show control) is where the ranks, their players or
 * the controller's services already stand, and takes a restart.
 */
public final class LiveChange {
  /** The layout's parts a running wall takes. */
  private static final Set<String> LIVE = Set.of("name", "loops", "span", "playFrom");

  /** A screen's parts a running wall takes. */
  private static final Set<String> LIVE_ON_A_SCREEN = Set.of("media", "board");

  private LiveChange() {}

  /**
   * What differs between {@code running} and {@code next} that a running wall cannot take, one
   * phrase each ({@code screens[1].host}, {@code schedule}); empty when it can take all of it.
   */
  public static List<String> notLive(Layout running, Layout next) {
    List<String> changed = new ArrayList<>();
    for (RecordComponent part : Layout.class.getRecordComponents()) {
      String name = part.getName();
      if (LIVE.contains(name) || name.equals("screens")) {
        continue;
      }
      if (!Objects.equals(value(part, running), value(part, next))) {
        changed.add(name);
      }
    }
    if (running.screens().size() != next.screens().size()) {
      changed.add(
          "the number of screens ("
              + running.screens().size()
              + " to "
              + next.screens().size()
              + ")");
      return changed;
    }
    for (int i = 0; i < running.screens().size(); i++) {
      for (RecordComponent part : Screen.class.getRecordComponents()) {
        if (!LIVE_ON_A_SCREEN.contains(part.getName())
            && !Objects.equals(
                value(part, running.screens().get(i)), value(part, next.screens().get(i)))) {
          changed.add("screens[" + i + "]." + part.getName());
        }
      }
    }
    return changed;
  }

  private static Object value(RecordComponent part, Record of) {
    try {
      return part.getAccessor().invoke(of);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + part.getName(), e);
    }
  }
}
