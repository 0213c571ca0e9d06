package dev.wall.player.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Run as its own JVM by {@link ChildProcessIT}: starts a long {@code sleep} through ChildProcess,
 * prints its PID, then ends the way the first argument says, so the test can check that the
 * shutdown hook stopped the child.
 */
public final class ChildProcessFixture {
  private ChildProcessFixture() {}

  public static void main(String[] args) throws Exception {
    ChildProcess sleeper = ChildProcess.start("sleeper", List.of("sleep", "600"), Path.of(args[1]), Map.of());
    System.out.println("child " + sleeper.pid());
    System.out.flush();
    if (args[0].equals("exit")) {
      System.exit(0);
    }
    // "wait": stay until the test sends SIGTERM; the shutdown hook runs then.
    sleeper.waitFor(Duration.ofMinutes(5));
  }
}
