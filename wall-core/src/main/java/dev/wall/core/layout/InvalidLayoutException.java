package dev.wall.core.layout;

import java.util.List;

/** A layout was refused. Carries every problem found, not only the first. */
public class InvalidLayoutException extends Exception {
  private final List<Problem> problems;

  public InvalidLayoutException(List<Problem> problems) {
    super(problems.isEmpty() ? "invalid layout" : problems.get(0).line());
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
