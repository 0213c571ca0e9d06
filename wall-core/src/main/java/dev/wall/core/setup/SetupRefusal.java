package dev.wall.core.setup;

/**
 * A file or an input is not what setup expects, so it changes nothing. The message is one line:
 * which file, what is wrong, how to fix it.
 */
public class SetupRefusal extends Exception {
  public SetupRefusal(String message) {
    super(message);
  }
}
