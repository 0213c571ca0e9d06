package dev.wall.player.control;

import dev.wall.player.wire.ControlCommand;

/**
 * What became of a command: applied (and where in the show), or refused (and why), in one line each
 * that every way in passes back as it is.
 */
public record CommandOutcome(ControlCommand command, boolean applied, String message) {

  public static CommandOutcome applied(ControlCommand command, String where) {
    return new CommandOutcome(command, true, command.text() + ": applied " + where);
  }

  public static CommandOutcome refused(ControlCommand command, String why) {
    return new CommandOutcome(command, false, command.text() + ": refused: " + why);
  }
}
