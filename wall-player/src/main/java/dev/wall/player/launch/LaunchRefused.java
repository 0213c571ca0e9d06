package dev.wall.player.launch;

/**
 * The wall cannot start from this machine as it is (Open MPI missing or mismatched, say). The
 * message is one line that names the fix; nothing was started.
 */
public class LaunchRefused extends RuntimeException {
  public LaunchRefused(String message) {
    super(message);
  }
}
