package dev.wall.player.control;

import dev.wall.player.wire.ControlCommand;

/**
 * A running wall, as show control sees it: every way in ({@code wall ctl} on the run folder's
 * socket, HTTP on the status server, OSC) hands its commands to this one door, after its own checks
 * (owner, key, allowed source). The controller implements it.
 */
public interface WallControl {

  /**
   * Has every screen apply {@code command} on the same frame, or refuses it. Returns once it is
   * applied or refused, within a few seconds at most: a wall that cannot apply it in time refuses
   * it, saying why.
   */
  CommandOutcome submit(ControlCommand command, CommandSource source);

  /** A wall that takes no command: before the show starts, or while it stops. */
  WallControl NONE =
      (command, source) -> CommandOutcome.refused(command, "the wall is not playing");
}
