package dev.wall.player.control;

import dev.wall.player.wire.WallEvent;

/**
 * Where the wall tells what happened: the controller's parts publish here, and show control's
 * outputs (webhooks, OSC feedback, alerts, metrics) listen. Publishing never blocks and never fails
 * the wall: a slow or dead listener is the listener's own problem.
 */
public interface WallEvents {

  void publish(WallEvent event);

  /** Tells nobody. */
  WallEvents NONE = event -> {};
}
