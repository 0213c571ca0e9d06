package dev.wall.player.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A long test class that judges no time and shares no fixture: it runs beside the other classes of
 * its JVM, in a thread of its own (the build enables JUnit's parallel execution with every other
 * class on one thread), and the processes it starts run at the lowest CPU priority ({@link
 * #lowest}), so that they take only the CPU that the tests judging time leave. {@link QuietCpu}
 * leaves them there. Tagged {@code beside}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("beside")
@Execution(ExecutionMode.CONCURRENT)
public @interface Beside {
  /** The nice value of what a beside test starts. */
  int NICE = 19;

  /** Runs an argv at the lowest CPU priority. */
  final class Priority {
    private Priority() {}

    public static List<String> lowest(List<String> argv) {
      List<String> niced = new ArrayList<>(List.of("nice", "-n", String.valueOf(NICE)));
      niced.addAll(argv);
      return niced;
    }
  }
}
