package dev.wall.core.setup;

import dev.wall.core.io.ControlChars;

/**
 * A file or an input is not what setup expects, so it changes nothing. The message is one line:
 * which file, what is wrong, how to fix it.
 */
public class SetupRefusal extends Exception {
  /** Whatever the message quotes (a value from a layout, a line of a file) prints as one line. */
  public SetupRefusal(String message) {
    super(ControlChars.visible(message));
  }
}
