package dev.wall.player.players;

/** A player could not do what it was asked. The message names the screen. */
public class PlayerException extends Exception {
  public PlayerException(String message) {
    super(message);
  }

  public PlayerException(String message, Throwable cause) {
    super(message, cause);
  }
}
