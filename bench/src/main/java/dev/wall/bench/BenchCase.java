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
 * @param cpuHog a busy process per core runs throughout
 */
public record BenchCase(int number, String title, Method method, int screens, Duration sampling, boolean fastClock,
    boolean cpuHog) {

  public enum Method {
    /** The seed tutorial's loop: barrier, then spawn the player (dev.wall.bench.baseline). */
    SEED,
    /** {@code wall play}. */
    OURS
  }

  /** The five cases of issue 5; the skew case samples for {@code skewSampling}, the rest for {@code sampling}. */
  public static List<BenchCase> all(Duration sampling, Duration skewSampling) {
    return List.of(
        new BenchCase(1, "seed: barrier, spawn", Method.SEED, 4, sampling, false, false),
        new BenchCase(2, "ours", Method.OURS, 4, sampling, false, false),
        new BenchCase(3, "ours, 1 clock +2000 ppm", Method.OURS, 4, skewSampling, true, false),
        new BenchCase(4, "ours, CPU hog x2", Method.OURS, 4, sampling, false, true),
        new BenchCase(5, "ours, 8 screens", Method.OURS, 8, sampling, false, false));
  }

  /** CI's short form: case 2 for {@code sampling}. */
  public static BenchCase shortForm(Duration sampling) {
    return new BenchCase(2, "ours (short)", Method.OURS, 4, sampling, false, false);
  }
}
