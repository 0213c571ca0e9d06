package dev.wall.core.layout;

import dev.wall.core.io.ControlChars;

/**
 * One thing wrong with a layout: where (file and JSON path), what, and how to fix it. Printed as
 * one line: {@code file: path: what; fix}.
 */
public record Problem(String file, String jsonPath, String what, String fix) {

  /** The line to print; whatever a part of it quotes, no control character reaches the terminal. */
  public String line() {
    String where = jsonPath == null || jsonPath.isEmpty() ? file : file + ": " + jsonPath;
    String line =
        fix == null || fix.isEmpty() ? where + ": " + what : where + ": " + what + "; " + fix;
    return ControlChars.visible(line);
  }

  @Override
  public String toString() {
    return line();
  }
}
