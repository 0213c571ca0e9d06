package dev.wall.player.power;

import dev.wall.core.layout.DisplayPowerKind;
import java.util.List;
import java.util.Optional;

/**
 * One way to turn a screen's display off and on: one backend, one class, as with players. Backends
 * build argv lists; {@link PowerSwitch} runs them, with deadlines, and reads the state back where
 * the backend can.
 */
public interface DisplayPower {
  /** The program it drives, as messages name it: {@code cec-ctl}, {@code xset}. */
  String name();

  DisplayPowerKind kind();

  /**
   * Whether this node has what the backend needs for this screen (programs, devices, a session).
   */
  boolean usable(PowerEnvironment environment);

  /** What to run to turn the display on or off, in order. */
  List<PowerCommand> commands(boolean on);

  /** A command that reads the display's state back, for backends that can. */
  default Optional<PowerCommand> query() {
    return Optional.empty();
  }

  /**
   * The state the query's output shows: true on, false off.
   *
   * @throws IllegalStateException saying why, when the output shows the backend cannot work here
   */
  default Optional<Boolean> state(String queryOutput) {
    return Optional.empty();
  }
}
