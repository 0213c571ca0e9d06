package dev.wall.player.backend;

import dev.wall.player.process.ChildProcess;
import java.time.Duration;

/**
 * The lines every backend says when its player fails, naming the screen, the player and the last
 * lines of its log, so they read the same whichever player a node runs.
 */
public record PlayerMessages(String screen, String player) {

  /** For {@link Player#onUnexpectedExit}: the exit code and the log's last lines. */
  public String unexpectedExit(ChildProcess child) {
    return screen + ": " + player + " exited unexpectedly (code " + child.process().exitValue() + "): "
        + String.join(" | ", child.lastLogLines(3));
  }

  /** Fails when the player process is gone, saying {@code when} it went. */
  public void checkAlive(ChildProcess process, String when) throws PlayerException {
    if (!process.isAlive()) {
      throw new PlayerException(screen + ": " + player + " exited " + when + ": "
          + String.join(" | ", process.lastLogLines(5)));
    }
  }

  public PlayerException failure(String what, Exception cause) {
    return new PlayerException(screen + ": " + player + " " + what + ": " + cause.getMessage(), cause);
  }

  /** What is left of a deadline, never less than a millisecond. */
  public static Duration left(long deadline) {
    return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
  }
}
