package dev.wall.player.testing;

import dev.wall.core.testing.RepoFiles;
import dev.wall.player.process.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Paths in this repository, and test media made with its own generator. */
public final class Project {
  private Project() {}

  /** The checkout's root ({@link RepoFiles#root}). */
  public static Path root() {
    return RepoFiles.root();
  }

  /** The example layouts in layouts/, sorted. */
  public static List<Path> exampleLayouts() {
    return RepoFiles.exampleLayouts();
  }

  /** The classpath of this test JVM, which child JVMs (ranks, fixtures) reuse. */
  public static String classpath() {
    return System.getProperty("java.class.path");
  }

  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Makes a clip with media/generate/make-clip (bar-coded frame numbers), unless it exists. */
  public static Path clip(Path dir, String name, int width, int height, double seconds, int hue)
      throws IOException, InterruptedException {
    Path clip = dir.resolve(name + ".mp4");
    if (Files.exists(clip)) {
      return clip;
    }
    List<String> argv = List.of(root().resolve("media/generate/make-clip").toString(), clip.toString(), name,
        String.valueOf(width), String.valueOf(height), String.valueOf(seconds), "30", String.valueOf(hue));
    try (ChildProcess make = ChildProcess.start("make-clip " + name, argv, dir.resolve(name + ".make.log"), Map.of())) {
      int code = make.waitFor(Duration.ofSeconds(120)).orElse(-1);
      if (code != 0) {
        throw new IOException("make-clip failed: " + make.lastLogLines(5));
      }
    }
    return clip;
  }
}
