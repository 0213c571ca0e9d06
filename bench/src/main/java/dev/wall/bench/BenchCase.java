package dev.wall.bench;

import dev.wall.bench.wall.Show;
import java.time.Duration;
import java.util.List;

/**
 * One case of the benchmark.
 *
 * @param number 1..5 as issue 5 numbers them, and the later cases after them (see {@link #name})
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
public record BenchCase(
    int number,
    String title,
    Method method,
    int screens,
    Duration sampling,
    boolean fastClock,
    boolean cpuHog,
    Show show,
    int nodes) {

  /** A case of issue 5's clips: 30 fps, 20 s, one per screen. */
  public BenchCase(
      int number,
      String title,
      Method method,
      int screens,
      Duration sampling,
      boolean fastClock,
      boolean cpuHog) {
    this(number, title, method, screens, sampling, fastClock, cpuHog, Show.CLIPS_30);
  }

  /** A case on this machine alone. */
  public BenchCase(
      int number,
      String title,
      Method method,
      int screens,
      Duration sampling,
      boolean fastClock,
      boolean cpuHog,
      Show show) {
    this(number, title, method, screens, sampling, fastClock, cpuHog, show, 0);
  }

  public enum Method {
    /** The seed tutorial's loop: barrier, then spawn the player (dev.wall.bench.seed). */
    SEED,
    /** {@code wall play}. */
    OURS
  }

  /**
   * The five cases of issue 5, issue 15's 60 fps case, issue 12's wall across hosts, and issue 23's
   * loads: a decoding load (every screen decodes a noisy 1920x1080 H.264 clip and scales it into
   * its window), the same with a fast clock, and 60 fps beside a CPU hog per core. The cases with a
   * fast clock sample for {@code skewSampling}, the rest for {@code sampling}.
   */
  public static List<BenchCase> all(Duration sampling, Duration skewSampling) {
    Show decoding = Show.CLIPS_30.withSource(Show.Source.FULL_HD_NOISY);
    return List.of(
        new BenchCase(1, "seed: barrier, spawn", Method.SEED, 4, sampling, false, false),
        new BenchCase(2, "ours", Method.OURS, 4, sampling, false, false),
        new BenchCase(3, "ours, 1 clock +2000 ppm", Method.OURS, 4, skewSampling, true, false),
        new BenchCase(4, "ours, CPU hog x2", Method.OURS, 4, sampling, false, true),
        new BenchCase(5, "ours, 8 screens", Method.OURS, 8, sampling, false, false),
        new BenchCase(
            6, "ours, 60 fps", Method.OURS, 4, sampling, false, false, Show.CLIPS_30.withFps(60)),
        new BenchCase(
            7,
            "ours, 4 nodes, +2000 ppm, hog",
            Method.OURS,
            4,
            skewSampling,
            true,
            true,
            Show.CLIPS_30,
            4),
        new BenchCase(
            8, "ours, decoding 1080p x4", Method.OURS, 4, sampling, false, false, decoding),
        new BenchCase(
            9,
            "ours, decoding 1080p x4, 1 clock +2000 ppm",
            Method.OURS,
            4,
            skewSampling,
            true,
            false,
            decoding),
        new BenchCase(
            10,
            "ours, 60 fps, CPU hog x2",
            Method.OURS,
            4,
            sampling,
            false,
            true,
            Show.CLIPS_30.withFps(60)));
  }

  /**
   * The case's short name, as {@code --cases} and the recorded figures ({@code --compare}) know it:
   * by its number, so a case keeps its name whatever its title says.
   */
  public String name() {
    return switch (number) {
      case 1 -> "seed";
      case 2 -> "plain";
      case 3 -> "fast-clock";
      case 4 -> "loaded";
      case 5 -> "eight-screens";
      case 6 -> "60fps";
      case 7 -> "nodes";
      case 8 -> "decoding";
      case 9 -> "decoding-fast-clock";
      case 10 -> "60fps-loaded";
      case 11 -> "playlist";
      case 12 -> "sound-clock";
      case 13 -> "latency";
      case 14 -> "span-clips";
      case 15 -> "span-cropped";
      case 16 -> "span-prepared";
      default -> "case-" + number;
    };
  }

  /**
   * The cases {@code asked} names, each by its number or its {@link #name}, in the order of {@code
   * all}; "all" is every one.
   *
   * @throws IllegalArgumentException naming a case that is not there, and the names there are
   */
  public static List<BenchCase> select(List<BenchCase> all, List<String> asked) {
    if (asked.contains("all")) {
      return all;
    }
    java.util.Set<Integer> wanted = new java.util.HashSet<>();
    for (String name : asked) {
      String key = name.strip();
      BenchCase found =
          all.stream()
              .filter(c -> c.name().equals(key) || String.valueOf(c.number()).equals(key))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "--cases: no case "
                              + key
                              + "; the cases are "
                              + String.join(
                                  ", ", all.stream().map(c -> c.number() + " " + c.name()).toList())
                              + ", or all"));
      wanted.add(found.number());
    }
    return all.stream().filter(c -> wanted.contains(c.number())).toList();
  }

  /** The name that selects {@link #span}'s three cases together. */
  public static final String SPAN = "span";

  /**
   * Issue 24's span wall, three ways, side by side: a 3x3 wall of 320x180 screens with a clip per
   * screen; one span video of the nine tiles with 20-pixel bezels, each player decoding all of it
   * and cropping its region; and the same span cut for each screen by {@code wall media prepare}.
   */
  public static List<BenchCase> span(Duration sampling) {
    return List.of(
        new BenchCase(
            14,
            "span 3x3: a clip per screen",
            Method.OURS,
            9,
            sampling,
            false,
            false,
            Show.CLIPS_30),
        new BenchCase(
            15,
            "span 3x3: cropped by each player",
            Method.OURS,
            9,
            sampling,
            false,
            false,
            Show.CLIPS_30.withContent(Show.Content.SPAN_CROPPED)),
        new BenchCase(
            16,
            "span 3x3: prepared",
            Method.OURS,
            9,
            sampling,
            false,
            false,
            Show.CLIPS_30.withContent(Show.Content.SPAN_PREPARED)));
  }

  /**
   * A 2-item playlist on 4 screens: items of {@code itemSeconds}, numbered from 0 and from 5000.
   */
  public static BenchCase playlist(Duration sampling, int itemSeconds) {
    return new BenchCase(
        11,
        "ours, 2-item playlist",
        Method.OURS,
        4,
        sampling,
        false,
        false,
        new Show(30, itemSeconds, List.of(0, 5000), false, 0));
  }

  /**
   * The screen with sound is the clock, and its clock runs 2000 ppm fast; clips of {@code
   * clipSeconds}.
   */
  public static BenchCase audioClock(Duration sampling, int clipSeconds) {
    return new BenchCase(
        12,
        "ours, sound screen's clock +2000 ppm",
        Method.OURS,
        4,
        sampling,
        true,
        false,
        new Show(30, clipSeconds, List.of(0), true, 0));
  }

  /** One screen's panel is {@code latencyMs} slow: it is driven that much ahead. */
  public static BenchCase latency(Duration sampling, int latencyMs) {
    return new BenchCase(
        13,
        "ours, 1 screen latencyMs " + latencyMs,
        Method.OURS,
        4,
        sampling,
        false,
        false,
        new Show(30, 20, List.of(0), false, latencyMs));
  }

  /** CI's short form: case 2 for {@code sampling}. */
  public static BenchCase shortForm(Duration sampling) {
    return new BenchCase(2, "ours (short)", Method.OURS, 4, sampling, false, false);
  }
}
