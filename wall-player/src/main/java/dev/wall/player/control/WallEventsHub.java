package dev.wall.player.control;

import dev.wall.player.wire.WallEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one place the controller's parts publish to: every event goes to each listener in turn
 * (events out, alerts, metrics). A listener that throws is left out of that event only; listeners
 * must be quick (they queue, count or compare), so publishing never holds up the wall.
 */
public final class WallEventsHub implements WallEvents {
  private final List<WallEvents> listeners = new CopyOnWriteArrayList<>();

  public void listen(WallEvents listener) {
    listeners.add(listener);
  }

  @Override
  public void publish(WallEvent event) {
    for (WallEvents listener : listeners) {
      try {
        listener.publish(event);
      } catch (RuntimeException e) {
        // One listener's bug must not cost the others their event, nor the wall anything.
      }
    }
  }

  /** Listeners now, for tests. */
  List<WallEvents> listeners() {
    return List.copyOf(listeners);
  }
}
