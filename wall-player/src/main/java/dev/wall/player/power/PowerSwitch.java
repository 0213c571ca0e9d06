package dev.wall.player.power;

import dev.wall.core.layout.DisplayPowerKind;
import dev.wall.player.process.Processes;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one screen's display off or on with the first backend that works: runs its commands (each
 * with a deadline), then reads the state back where the backend can. A backend that fails hands
 * over to the next; the last is always none, so the outcome says plainly when a display could not
 * be switched and the screen only shows black.
 */
public final class PowerSwitch {
  static final Duration COMMAND_DEADLINE = Duration.ofSeconds(10);

  /** What happened: the backend that did it, and what went wrong with those tried before it. */
  public record Result(boolean on, String backend, List<String> failures) {
    /** True when a real backend switched the display (not only none). */
    public boolean switched() {
      return !backend.equals("none");
    }

    public String describe() {
      String what = (on ? "display on" : "display off") + " (" + backend + ")";
      if (!switched()) {
        what =
            on
                ? "display left as it was (no display power here)"
                : "screen black, display left on (no display power here)";
      }
      return failures.isEmpty() ? what : what + "; " + String.join("; ", failures);
    }
  }

  /** Runs a command; injectable so that the choice and fallback are tested without the programs. */
  public interface Runner {
    Processes.Outcome run(PowerCommand command, Duration deadline) throws IOException;
  }

  private final Runner runner;

  public PowerSwitch(Runner runner) {
    this.runner = runner;
  }

  /** Runs the programs for real, with the node's environment. */
  public static PowerSwitch here(Map<String, String> environment) {
    return new PowerSwitch(
        (command, deadline) ->
            Processes.run(command.argv(), command.stdin(), deadline, environment));
  }

  public Result set(boolean on, DisplayPowerKind requested, PowerEnvironment environment) {
    List<String> failures = new ArrayList<>();
    for (DisplayPower power : DisplayPowers.candidates(requested, environment)) {
      Optional<String> failure = attempt(power, on);
      if (failure.isEmpty()) {
        return new Result(on, power.name(), failures);
      }
      failures.add(power.name() + " failed: " + failure.get());
    }
    throw new AssertionError("none is always usable");
  }

  private Optional<String> attempt(DisplayPower power, boolean on) {
    try {
      for (PowerCommand command : power.commands(on)) {
        Processes.Outcome outcome = runner.run(command, COMMAND_DEADLINE);
        if (outcome.exitCode() != 0) {
          return Optional.of(
              "`" + command.shown() + "` exited with " + outcome.exitCode() + lastLine(outcome));
        }
      }
      if (power.query().isEmpty()) {
        return Optional.empty();
      }
      PowerCommand query = power.query().get();
      Processes.Outcome answer = runner.run(query, COMMAND_DEADLINE);
      Optional<Boolean> state = power.state(answer.stdout() + answer.stderr());
      if (state.isPresent() && state.get() != on) {
        return Optional.of(
            "`" + query.shown() + "` still reads the display " + (on ? "off" : "on"));
      }
      return Optional.empty();
    } catch (IllegalStateException e) {
      return Optional.of(e.getMessage());
    } catch (IOException e) {
      return Optional.of(e.getMessage());
    }
  }

  private static String lastLine(Processes.Outcome outcome) {
    List<String> lines =
        (outcome.stderr().isBlank() ? outcome.stdout() : outcome.stderr())
            .lines()
            .filter(l -> !l.isBlank())
            .toList();
    return lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1).strip();
  }
}
