package dev.wall.bench;

import dev.wall.bench.wall.Show;
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
 * @param show what the screens play (frame rate, playlist) and how (a clock screen, a latency)
 * @param nodes 0: every screen on this machine; else a namespace cluster of this many nodes, the
 *     screens spread over them, the wall started inside node 1
 */
public record BenchCase(int number, String title, Method method, int screens, Duration sampling, boolean fastClock,
    boolean cpuHog, Show show, int nodes) {

  /** A case of issue 5's clips: 30 fps, 20 s, one per screen. */
  public BenchCase(int number, String title, Method method, int screens, Duration sampling, boolean fastClock,
      boolean cpuHog) {
    this(number, title, method, screens, sampling, fastClock, cpuHog, Show.CLIPS_30);
  }

  /** A case on this machine alone. */
  public BenchCase(int number, String title, Method method, int screens, Duration sampling, boolean fastClock,
      boolean cpuHog, Show show) {
    this(number, title, method, screens, sampling, fastClock, cpuHog, show, 0);
  }

  public enum Method {
    /** The seed tutorial's loop: barrier, then spawn the player (dev.wall.bench.baseline). */
    SEED,
    /** {@code wall play}. */
    OURS
  }

  /**
   * The five cases of issue 5, issue 15's 60 fps case and issue 12's wall across hosts; the cases
   * with a fast clock sample for {@code skewSampling}, the rest for {@code sampling}.
   */
  public static List<BenchCase> all(Duration sampling, Duration skewSampling) {
    return List.of(
        new BenchCase(1, "seed: barrier, spawn", Method.SEED, 4, sampling, false, false),
        new BenchCase(2, "ours", Method.OURS, 4, sampling, false, false),
        new BenchCase(3, "ours, 1 clock +2000 ppm", Method.OURS, 4, skewSampling, true, false),
        new BenchCase(4, "ours, CPU hog x2", Method.OURS, 4, sampling, false, true),
        new BenchCase(5, "ours, 8 screens", Method.OURS, 8, sampling, false, false),
        new BenchCase(6, "ours, 60 fps", Method.OURS, 4, sampling, false, false, Show.CLIPS_30.withFps(60)),
        new BenchCase(7, "ours, 4 nodes, +2000 ppm, hog", Method.OURS, 4, skewSampling, true, true, Show.CLIPS_30,
            4));
  }

  /** A 2-item playlist on 4 screens: items of {@code itemSeconds}, numbered from 0 and from 5000. */
  public static BenchCase playlist(Duration sampling, int itemSeconds) {
    return new BenchCase(11, "ours, 2-item playlist", Method.OURS, 4, sampling, false, false,
        new Show(30, itemSeconds, List.of(0, 5000), false, 0));
  }

  /** The screen with sound is the clock, and its clock runs 2000 ppm fast; clips of {@code clipSeconds}. */
  public static BenchCase audioClock(Duration sampling, int clipSeconds) {
    return new BenchCase(12, "ours, sound screen's clock +2000 ppm", Method.OURS, 4, sampling, true, false,
        new Show(30, clipSeconds, List.of(0), true, 0));
  }

  /** One screen's panel is {@code latencyMs} slow: it is driven that much ahead. */
  public static BenchCase latency(Duration sampling, int latencyMs) {
    return new BenchCase(13, "ours, 1 screen latencyMs " + latencyMs, Method.OURS, 4, sampling, false, false,
        new Show(30, 20, List.of(0), false, latencyMs));
  }

  /** CI's short form: case 2 for {@code sampling}. */
  public static BenchCase shortForm(Duration sampling) {
    return new BenchCase(2, "ours (short)", Method.OURS, 4, sampling, false, false);
  }
}
