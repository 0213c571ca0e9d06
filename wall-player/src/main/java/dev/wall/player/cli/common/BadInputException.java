package dev.wall.player.cli.common;

/** The user asked for something that cannot be done as asked; exit 2, message only. */
public class BadInputException extends RuntimeException {
  public BadInputException(String message) {
    super(message);
  }
}
