package dev.wall.player.cli.common;

/**
 * A failure that already carries the line to show and the exit code to use, such as a lost rank (3)
 * or a player that died (1). The message names the screen and host where it can.
 */
public class WallFailure extends RuntimeException {
  private final int exitCode;

  public WallFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public WallFailure(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
