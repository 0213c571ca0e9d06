package dev.wall.player.cli;

import dev.wall.player.cli.common.ExitCodes;
import dev.wall.player.cli.common.WallFailure;
import dev.wall.player.launch.Outcome;

/**
 * How each way a wall can end is told to the technician: the exit code, and the line that says why.
 */
final class Outcomes {
  private Outcomes() {}

  /** The exit code for {@code outcome}; every ending but success throws the line to print. */
  static int exitCode(Outcome outcome) {
    if (outcome instanceof Outcome.Completed) {
      return ExitCodes.OK;
    }
    if (outcome instanceof Outcome.ScreensFailed failed) {
      throw new WallFailure(ExitCodes.RUNTIME_FAILURE, String.join("\nwall: ", failed.lines()));
    }
    if (outcome instanceof Outcome.RankLost lost) {
      throw new WallFailure(ExitCodes.NODE_LOST, lost.message());
    }
    if (outcome instanceof Outcome.NodesUnreachable unreachable) {
      throw new WallFailure(ExitCodes.NODE_LOST, String.join("\nwall: ", unreachable.lines()));
    }
    if (outcome instanceof Outcome.NodesNotReady notReady) {
      throw new WallFailure(ExitCodes.BAD_INPUT, String.join("\nwall: ", notReady.lines()));
    }
    if (outcome instanceof Outcome.Stopped) {
      // The shutdown hook that stopped every process has said so already.
      return ExitCodes.RUNTIME_FAILURE;
    }
    throw new IllegalArgumentException("no exit code for " + outcome);
  }
}
