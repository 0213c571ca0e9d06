package dev.wall.bench.wall;

import dev.wall.core.layout.Audio;
import dev.wall.core.layout.Rect;
import dev.wall.player.players.PlayerException;
import dev.wall.player.players.PlayerSpec;
import dev.wall.player.players.mpv.MpvOptions;
import dev.wall.player.players.mpv.MpvPlayer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * One screen's player with a clock that runs fast, from Debian's libfaketime: an {@code mpv}
 * wrapper goes first on PATH and preloads libfaketime only into the player whose window title names
 * that screen. Everything else (ranks, mpirun, the other players) keeps the real clock.
 */
public final class FastClock {
  /** 2000 ppm fast: 7 frames at 30 fps over 120 s if nothing corrects it. */
  public static final String FAKETIME = "+0 x1.002";

  public static final double PPM = 2000;
  private static final String WRAPPER_RESOURCE = "/dev/wall/bench/fast-clock-mpv";

  private final Path wrapperDir;
  private final String fastScreen;
  private final Map<String, String> environment;

  private FastClock(Path wrapperDir, String fastScreen, Map<String, String> environment) {
    this.wrapperDir = wrapperDir;
    this.fastScreen = fastScreen;
    this.environment = environment;
  }

  /** Writes the wrapper into {@code dir} (its own folder, to go first on PATH). */
  public static FastClock install(Path dir, String fastScreen) throws IOException {
    Files.createDirectories(dir);
    Path wrapper = dir.resolve("mpv");
    try (InputStream script = FastClock.class.getResourceAsStream(WRAPPER_RESOURCE)) {
      if (script == null) {
        throw new IOException("resource " + WRAPPER_RESOURCE + " is missing from the classpath");
      }
      Files.write(wrapper, script.readAllBytes());
    }
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    Map<String, String> env = new HashMap<>();
    env.put("PATH", dir.toAbsolutePath() + ":" + path);
    env.put("WALL_BENCH_REAL_MPV", realMpv(path).toString());
    env.put("WALL_BENCH_FAST_SCREEN", fastScreen);
    env.put("WALL_BENCH_FAKETIME_LIB", fakeTimeLibrary().toString());
    env.put("WALL_BENCH_FAKETIME", FAKETIME);
    return new FastClock(dir, fastScreen, Map.copyOf(env));
  }

  /** What a wall's environment needs so its players go through the wrapper. */
  public Map<String, String> environment() {
    return environment;
  }

  public String fastScreen() {
    return fastScreen;
  }

  /**
   * Plays {@code clip} twice side by side through the wrapper, one player as the fast screen and
   * one as any other, and measures each one's clock against ours: the slope of its position over
   * real time, by least squares over many readings.
   */
  public ClockCheck check(String display, Path clip, Path workDir, Duration length)
      throws PlayerException, IOException {
    Map<String, String> env = new HashMap<>(environment);
    env.put("DISPLAY", display);
    MpvOptions options = new MpvOptions(wrapperDir.resolve("mpv").toString(), null, null, null);
    List<MpvPlayer> players = new ArrayList<>();
    try {
      players.add(
          new MpvPlayer(spec(fastScreen, clip, new Rect(0, 0, 320, 180), workDir, env), options));
      players.add(
          new MpvPlayer(
              spec("clock-reference", clip, new Rect(320, 0, 320, 180), workDir, env), options));
      for (MpvPlayer player : players) {
        player.prepare(Duration.ofSeconds(30));
      }
      for (MpvPlayer player : players) {
        player.release();
      }
      double[] rates = measureRates(players, length);
      return new ClockCheck((rates[0] - 1) * 1e6, (rates[1] - 1) * 1e6);
    } finally {
      players.forEach(MpvPlayer::stop);
    }
  }

  /**
   * @param fastPpm how much faster than real time the fast screen's player ran
   * @param referencePpm the same for a player without libfaketime (should be about 0)
   */
  public record ClockCheck(double fastPpm, double referencePpm) {
    /**
     * The fast player gained between half and one and a half times the asked 2000 ppm on the other.
     */
    public boolean confirmed() {
      double gained = fastPpm - referencePpm;
      return gained > PPM / 2 && gained < PPM * 1.5;
    }
  }

  private static double[] measureRates(List<MpvPlayer> players, Duration length)
      throws PlayerException {
    int n = players.size();
    double[] sumT = new double[n];
    double[] sumP = new double[n];
    double[] sumTT = new double[n];
    double[] sumTP = new double[n];
    int count = 0;
    long start = System.nanoTime();
    long end = start + length.toNanos();
    while (System.nanoTime() < end) {
      for (int i = 0; i < n; i++) {
        double position = players.get(i).position();
        double t = (System.nanoTime() - start) / 1e9;
        sumT[i] += t;
        sumP[i] += position;
        sumTT[i] += t * t;
        sumTP[i] += t * position;
      }
      count++;
      LockSupport.parkNanos(20_000_000);
    }
    double[] slopes = new double[n];
    for (int i = 0; i < n; i++) {
      slopes[i] = (count * sumTP[i] - sumT[i] * sumP[i]) / (count * sumTT[i] - sumT[i] * sumT[i]);
    }
    return slopes;
  }

  private static PlayerSpec spec(
      String name, Path clip, Rect window, Path workDir, Map<String, String> env) {
    return new PlayerSpec(
        name, clip, window, 0, null, Audio.NONE, List.of(BenchLayout.X11_OUTPUT), workDir, env);
  }

  private static Path realMpv(String path) throws IOException {
    for (String dir : path.split(":")) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "mpv");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate.toRealPath();
      }
    }
    throw new IOException("mpv is not on PATH (" + path + "); run bin/bootstrap");
  }

  /**
   * Debian's libfaketime, the thread-safe flavour (mpv decodes and presents on several threads).
   */
  static Path fakeTimeLibrary() throws IOException {
    try (Stream<Path> libs = Files.list(Path.of("/usr/lib"))) {
      return libs.map(dir -> dir.resolve("faketime/libfaketimeMT.so.1"))
          .filter(Files::isRegularFile)
          .findFirst()
          .orElseThrow(
              () ->
                  new IOException(
                      "libfaketime is not installed: run bin/bootstrap --test"
                          + " (or apt-get install libfaketime)"));
    }
  }
}
