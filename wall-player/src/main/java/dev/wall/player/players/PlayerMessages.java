package dev.wall.player.players;

import dev.wall.player.process.ChildProcess;
import java.time.Duration;

/**
 * The lines every backend says when its player fails, naming the screen, the player and the last
 * lines of its log, so they read the same whichever player a node runs.
 */
public record PlayerMessages(String screen, String player) {

  /** For {@link Player#onUnexpectedExit}: the exit code and the log's last lines. */
  public String unexpectedExit(ChildProcess child) {
    return screen
        + ": "
        + player
        + " "
        + howItEnded(child.process().exitValue())
        + ": "
        + String.join(" | ", child.lastLogLines(3));
  }

  /**
   * How a process ended, from the code Java reports: a process killed by a signal reads as 128 plus
   * the signal's number (so does a program that exits with that code itself, which players do not).
   */
  public static String howItEnded(int code) {
    if (code > 128 && code < 128 + 65) {
      int signal = code - 128;
      String name =
          switch (signal) {
            case 6 -> "SIGABRT";
            case 9 -> "SIGKILL";
            case 11 -> "SIGSEGV";
            case 15 -> "SIGTERM";
            default -> "signal " + signal;
          };
      return "was killed (" + name + ")";
    }
    return "exited unexpectedly (code " + code + ")";
  }

  /** Fails when the player process is gone, saying {@code when} it went. */
  public void checkAlive(ChildProcess process, String when) throws PlayerException {
    if (!process.isAlive()) {
      throw new PlayerException(
          screen
              + ": "
              + player
              + " exited "
              + when
              + ": "
              + String.join(" | ", process.lastLogLines(5)));
    }
  }

  public PlayerException failure(String what, Exception cause) {
    return new PlayerException(screen + ": " + player + " " + what + ": " + describe(cause), cause);
  }

  /**
   * What went wrong, in words: an exception's message, or its kind when it has none (never "null").
   */
  public static String describe(Throwable failure) {
    if (failure == null) {
      return "unknown failure";
    }
    String message = failure.getMessage();
    if (message != null && !message.isBlank()) {
      return message;
    }
    if (failure instanceof java.util.concurrent.TimeoutException) {
      return "no answer in time";
    }
    return failure.getCause() != null && failure.getCause() != failure
        ? describe(failure.getCause())
        : failure.getClass().getSimpleName();
  }

  /** What is left of a deadline, never less than a millisecond. */
  public static Duration left(long deadline) {
    return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
  }
}
