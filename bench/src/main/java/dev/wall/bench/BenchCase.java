package dev.wall.bench;

import java.time.Duration;
import java.util.List;

/**
 * One case of the benchmark.
 *
 * @param number 1..5, as issue 5 numbers them
 * @param title what the table calls it
 * @param method whose runtime plays the wall
 * @param screens windows on the one display
 * @param sampling how long to take screenshots for, from start-up on
 * @param fastClock the first screen's player runs 2000 ppm fast (libfaketime)
 * @param cpuHog a busy process per core runs throughout (on a cluster: one, in node 2)
 * @param nodes 0: every screen on this machine; else a namespace cluster of this many nodes, the
 *     screens spread over them, the wall started inside node 1
 */
public record BenchCase(int number, String title, Method method, int screens, Duration sampling, boolean fastClock,
    boolean cpuHog, int nodes) {

  public BenchCase(int number, String title, Method method, int screens, Duration sampling, boolean fastClock,
      boolean cpuHog) {
    this(number, title, method, screens, sampling, fastClock, cpuHog, 0);
  }

  public enum Method {
    /** The seed tutorial's loop: barrier, then spawn the player (dev.wall.bench.baseline). */
    SEED,
    /** {@code wall play}. */
    OURS
  }

  /**
   * The five cases of issue 5, and issue 12's wall across hosts; the cases with a fast clock sample
   * for {@code skewSampling}, the rest for {@code sampling}.
   */
  public static List<BenchCase> all(Duration sampling, Duration skewSampling) {
    return List.of(
        new BenchCase(1, "seed: barrier, spawn", Method.SEED, 4, sampling, false, false),
        new BenchCase(2, "ours", Method.OURS, 4, sampling, false, false),
        new BenchCase(3, "ours, 1 clock +2000 ppm", Method.OURS, 4, skewSampling, true, false),
        new BenchCase(4, "ours, CPU hog x2", Method.OURS, 4, sampling, false, true),
        new BenchCase(5, "ours, 8 screens", Method.OURS, 8, sampling, false, false),
        new BenchCase(6, "ours, 4 nodes, +2000 ppm, hog", Method.OURS, 4, skewSampling, true, true, 4));
  }

  /** CI's short form: case 2 for {@code sampling}. */
  public static BenchCase shortForm(Duration sampling) {
    return new BenchCase(2, "ours (short)", Method.OURS, 4, sampling, false, false);
  }
}
