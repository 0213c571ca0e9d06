package dev.wall.player.rank;

/** Every rank stops: one or more screens failed. The message names them, one line each. */
public class WallAbortedException extends Exception {
  public WallAbortedException(String message) {
    super(message);
  }
}
