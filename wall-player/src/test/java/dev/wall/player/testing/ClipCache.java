package dev.wall.player.testing;

import dev.wall.core.testing.RepoFiles;
import dev.wall.player.process.ChildProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The test suite's one clip maker: every test clip is made once, by the repository's
 * media/generate/make-clip or by one ffmpeg command, into a cache shared by every test JVM, every
 * checkout and every run: {@code $WALL_CACHE/clips}, else {@code $XDG_CACHE_HOME/wall/clips}, else
 * {@code ~/.cache/wall/clips} (as bin/bootstrap finds its cache), or {@code target/clip-cache} when
 * that cannot be written.
 *
 * <p>A clip's name is a hash of what makes it: the generator's own text and its arguments, or the
 * ffmpeg arguments. A changed generator or argument makes a new clip; nothing is ever deleted or
 * overwritten with other content. Each clip is written under a temporary name of its own and
 * renamed into place, so two JVMs making the same clip at once both end with a whole one.
 *
 * <p>Tests play a copy ({@link #copy}) in a folder of their own, which they may change (a clip
 * taken away, a byte flipped) without touching the cache.
 */
public final class ClipCache {
  private static final Duration MAKE_TIMEOUT = Duration.ofMinutes(3);

  /** A noisy full-HD clip takes minutes on a busy 2-core machine. */
  private static final Duration NOISY_MAKE_TIMEOUT = Duration.ofMinutes(20);

  private static final Map<String, Object> MAKING = new ConcurrentHashMap<>();
  private static volatile Path dir;

  private ClipCache() {}

  /**
   * A clip from media/generate/make-clip: a moving pattern with {@code label} and the frame number,
   * over a bar code of the frame number (the first {@code first}) in the top ninth.
   */
  public static Path barCoded(
      String label, int width, int height, double seconds, int fps, int hue, int first) {
    return barCoded(label, width, height, seconds, fps, hue, first, null);
  }

  /**
   * The same, with fresh noise in the picture encoded at {@code bitrate} (as ffmpeg reads it,
   * {@code 2M}), so it costs what a camera's footage costs to decode; null for a clean clip.
   */
  public static Path barCoded(
      String label,
      int width,
      int height,
      double seconds,
      int fps,
      int hue,
      int first,
      String bitrate) {
    Path makeClip = RepoFiles.root().resolve("media/generate/make-clip");
    List<String> args =
        new ArrayList<>(
            List.of(
                label,
                String.valueOf(width),
                String.valueOf(height),
                number(seconds),
                String.valueOf(fps),
                String.valueOf(hue),
                String.valueOf(first)));
    if (bitrate != null) {
      args.add(bitrate);
    }
    String key = key("make-clip " + sha256(read(makeClip)), args);
    String name = safe(label) + "-" + key;
    return cached(
        name,
        bitrate == null ? MAKE_TIMEOUT : NOISY_MAKE_TIMEOUT,
        out -> {
          List<String> argv = new ArrayList<>(List.of(makeClip.toString(), out.toString()));
          argv.addAll(args);
          return argv;
        });
  }

  /**
   * A still grid of 4 columns by 2 rows, each cell its own primary colour: column bit 0 is red,
   * column bit 1 is green, the row is blue.
   */
  public static Path grid(int width, int height, int seconds, int fps) {
    String source =
        "color=c=black:s="
            + width
            + "x"
            + height
            + ":r="
            + fps
            + ":d="
            + seconds
            + ",format=rgb24,geq=r='255*mod(floor(X*4/W),2)':g='255*mod(floor(floor(X*4/W)/2),2)'"
            + ":b='255*floor(Y*2/H)'";
    List<String> args =
        List.of(
            "-nostdin",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            source,
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-crf",
            "10",
            "-pix_fmt",
            "yuv420p",
            "-f",
            "mp4");
    String name =
        "grid-" + width + "x" + height + "-" + seconds + "s-" + fps + "fps-" + key("ffmpeg", args);
    return cached(
        name,
        out -> {
          List<String> argv = new ArrayList<>(List.of("ffmpeg"));
          argv.addAll(args);
          argv.add(out.toString());
          return argv;
        });
  }

  /** {@code clip} with a sine tone of {@code hertz} as its sound, as long as its picture. */
  public static Path withTone(Path clip, int hertz) {
    List<String> args =
        List.of(
            "-nostdin",
            "-loglevel",
            "error",
            "-y",
            "-i",
            clip.toString(),
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=" + hertz + ":sample_rate=48000",
            "-map",
            "0:v:0",
            "-map",
            "1:a:0",
            "-c:v",
            "copy",
            "-c:a",
            "aac",
            "-shortest",
            "-f",
            "mp4");
    String name = "tone-" + hertz + "-" + key("ffmpeg", args);
    return cached(
        name,
        out -> {
          List<String> argv = new ArrayList<>(List.of("ffmpeg"));
          argv.addAll(args);
          argv.add(out.toString());
          return argv;
        });
  }

  /** The colour between the tiles of {@link #tiledSpan}: what bezels must hide. */
  public static final String GAP_COLOUR = "0x00FF00";

  /**
   * A span video of {@code columns} x {@code rows} bar-coded tiles of {@code tileWidth} x {@code
   * tileHeight} (each its own label and hue, frames numbered from 0), {@code gap} pixels of {@link
   * #GAP_COLOUR} between them, as a wall with bezels of that width would be cut from: each tile,
   * cut out exactly, is a clip whose frame number reads from pixels.
   */
  public static Path tiledSpan(
      int columns, int rows, int tileWidth, int tileHeight, int gap, int seconds, int fps) {
    return tiledSpan(columns, rows, tileWidth, tileHeight, gap, seconds, fps, 0);
  }

  /** The same, its frames numbered from {@code first}. */
  public static Path tiledSpan(
      int columns,
      int rows,
      int tileWidth,
      int tileHeight,
      int gap,
      int seconds,
      int fps,
      int first) {
    List<String> inputs = new ArrayList<>();
    List<String> places = new ArrayList<>();
    StringBuilder streams = new StringBuilder();
    for (int i = 0; i < columns * rows; i++) {
      Path tile = barCoded("T" + i, tileWidth, tileHeight, seconds, fps, i * 40, first);
      inputs.addAll(List.of("-i", tile.toString()));
      places.add((i % columns) * (tileWidth + gap) + "_" + (i / columns) * (tileHeight + gap));
      streams.append("[").append(i).append(":v]");
    }
    List<String> args = new ArrayList<>(List.of("-nostdin", "-loglevel", "error", "-y"));
    args.addAll(inputs);
    args.addAll(
        List.of(
            "-filter_complex",
            streams
                + "xstack=inputs="
                + columns * rows
                + ":layout="
                + String.join("|", places)
                + ":fill="
                + GAP_COLOUR
                + ",format=yuv420p",
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-crf",
            "16",
            "-g",
            String.valueOf(fps),
            "-f",
            "mp4"));
    String name =
        "span-"
            + columns
            + "x"
            + rows
            + "-"
            + tileWidth
            + "x"
            + tileHeight
            + "-"
            + key("ffmpeg", args);
    return cached(
        name,
        out -> {
          List<String> argv = new ArrayList<>(List.of("ffmpeg"));
          argv.addAll(args);
          argv.add(out.toString());
          return argv;
        });
  }

  /**
   * A screen's clip in a test's media folder: {@code dir/name.mp4}, bar-coded at 30 fps, labelled
   * with the screen's name (unless that file is there already).
   */
  public static Path into(Path dir, String name, int width, int height, double seconds, int hue) {
    return copy(barCoded(name, width, height, seconds, 30, hue, 0), dir, name + ".mp4");
  }

  /**
   * {@code clip} as {@code dir/fileName}, a copy of its own (readable by every user), unless that
   * file is there already. Copied under a temporary name and renamed, so a reader never sees half.
   */
  public static Path copy(Path clip, Path dir, String fileName) {
    Path target = dir.resolve(fileName);
    try {
      if (Files.exists(target)) {
        return target;
      }
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "." + fileName, ".tmp");
      try {
        Files.copy(clip, tmp, StandardCopyOption.REPLACE_EXISTING);
        tmp.toFile().setReadable(true, false);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("copying " + clip + " to " + target, e);
    }
  }

  /** The cache folder. */
  public static Path dir() {
    Path known = dir;
    if (known == null) {
      known = choose();
      dir = known;
    }
    return known;
  }

  private static Path choose() {
    String explicit = System.getenv("WALL_CACHE");
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        explicit != null && !explicit.isBlank()
            ? Path.of(explicit)
            : (xdg != null && !xdg.isBlank()
                    ? Path.of(xdg)
                    : Path.of(System.getProperty("user.home"), ".cache"))
                .resolve("wall");
    for (Path candidate :
        List.of(base.resolve("clips"), Path.of("target", "clip-cache").toAbsolutePath())) {
      try {
        Files.createDirectories(candidate);
        if (Files.isWritable(candidate)) {
          return candidate;
        }
      } catch (IOException e) {
        // The next one.
      }
    }
    throw new IllegalStateException(
        "no clip cache can be written: " + base.resolve("clips") + " nor target/clip-cache");
  }

  private interface Command {
    List<String> argv(Path out);
  }

  private static Path cached(String name, Command command) {
    return cached(name, MAKE_TIMEOUT, command);
  }

  private static Path cached(String name, Duration timeout, Command command) {
    Path clip = dir().resolve(name + ".mp4");
    synchronized (MAKING.computeIfAbsent(name, n -> new Object())) {
      if (Files.isRegularFile(clip)) {
        return clip;
      }
      String own =
          "." + name + "." + ProcessHandle.current().pid() + "." + Thread.currentThread().getId();
      Path out = dir().resolve(own + ".mp4");
      Path log = dir().resolve(own + ".log");
      try (ChildProcess make =
          ChildProcess.start("make " + name, command.argv(out), log, Map.of())) {
        int code = make.waitFor(timeout).orElse(-1);
        if (code != 0 || !Files.isRegularFile(out)) {
          throw new IllegalStateException(
              "making the test clip "
                  + name
                  + " failed (exit "
                  + code
                  + "): "
                  + String.join(" | ", make.lastLogLines(5)));
        }
        out.toFile().setReadable(true, false);
        Files.move(out, clip, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(log);
        return clip;
      } catch (IOException e) {
        throw new UncheckedIOException("making the test clip " + name, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted making the test clip " + name, e);
      } finally {
        try {
          Files.deleteIfExists(out);
        } catch (IOException e) {
          // Left for nobody: a name of this process's own.
        }
      }
    }
  }

  private static String key(String maker, List<String> args) {
    return sha256((maker + "\0" + String.join("\0", args)).getBytes(StandardCharsets.UTF_8))
        .substring(0, 16);
  }

  /** {@code 2} for 2.0, {@code 1.5} for 1.5: one spelling per length, so one clip. */
  private static String number(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  private static String safe(String label) {
    return label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
