package dev.wall.bench.sampling;

import java.io.IOException;
import java.util.function.Consumer;

/** Takes screenshots of a whole X display at a steady rate, until closed. */
public interface DisplaySampler extends AutoCloseable {
  /** Starts sampling; every capture goes to {@code sink}, in order, on the sampler's own thread. */
  void start(Consumer<Capture> sink) throws IOException;

  /** Stops sampling and every process it started; no capture reaches the sink after it returns. */
  @Override
  void close();

  /**
   * CPU time its own processes have used so far, when it can tell (to show what measuring costs).
   */
  default java.util.Optional<java.time.Duration> cpuTime() {
    return java.util.Optional.empty();
  }

  /** One line: how it samples. */
  String describe();
}
