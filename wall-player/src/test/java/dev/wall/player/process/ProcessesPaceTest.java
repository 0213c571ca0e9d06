package dev.wall.player.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A short call whose deadline its own output moves (a slow node that says it was reached). */
class ProcessesPaceTest {
  private static final List<String> SLOW =
      List.of("sh", "-c", "echo reached; sleep 1.5; echo done");

  /** Half a second, moved to ten once the call says {@code reached}, if {@code extends}. */
  private static final class HalfASecond implements Processes.Pace {
    private final boolean extend;
    private final List<String> seen = new ArrayList<>();
    private long until = System.nanoTime() + Duration.ofMillis(500).toNanos();

    HalfASecond(boolean extend) {
      this.extend = extend;
    }

    @Override
    public synchronized void line(String line, long now) {
      seen.add(line);
      if (extend && line.equals("reached")) {
        until = now + Duration.ofSeconds(10).toNanos();
      }
    }

    @Override
    public synchronized String late(long now) {
      return now - until > 0 ? "late after " + seen : null;
    }
  }

  @Test
  void aCallThatSaysItWasReachedIsGivenTheTimeItsPaceGrants() throws Exception {
    HalfASecond pace = new HalfASecond(true);
    Processes.Outcome done = Processes.run(SLOW, new byte[0], pace, Map.of());
    assertEquals(0, done.exitCode());
    assertEquals("reached\ndone\n", done.stdout());
    assertEquals(List.of("reached", "done"), pace.seen, "each line shown as it came");
  }

  @Test
  void aCallPastItsPaceIsStoppedWithItsChildrenAndThePaceSaysWhy() throws Exception {
    // Thrown only while the call still runs: one that ended first returns its outcome instead.
    Processes.TimedOut late =
        assertThrows(
            Processes.TimedOut.class,
            () -> Processes.run(SLOW, new byte[0], new HalfASecond(false), Map.of()));
    assertEquals("late after [reached]", late.getMessage());
  }
}
