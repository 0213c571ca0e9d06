package dev.wall.core.layout;

/**
 * One thing wrong with a layout: where (file and JSON path), what, and how to fix it. Printed as
 * one line: {@code file: path: what; fix}.
 */
public record Problem(String file, String jsonPath, String what, String fix) {

  public String line() {
    String where = jsonPath == null || jsonPath.isEmpty() ? file : file + ": " + jsonPath;
    return fix == null || fix.isEmpty() ? where + ": " + what : where + ": " + what + "; " + fix;
  }

  @Override
  public String toString() {
    return line();
  }
}
