package dev.wall.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The repository's own files (layouts/, docs/, media/generate/), found from wherever Maven or an
 * IDE runs the tests: the test suite's one repository-root finder, shipped in wall-core's test jar.
 */
public final class RepoFiles {
  private RepoFiles() {}

  /**
   * The checkout's root: the folder above the working folder with the parent pom and the clip
   * generator.
   */
  public static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("pom.xml"))
          && Files.isRegularFile(dir.resolve("media/generate/make-clip"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "not inside the wall repository: no pom.xml and media/generate/make-clip above "
            + Path.of("").toAbsolutePath());
  }

  /** The example layouts in layouts/, sorted. */
  public static List<Path> exampleLayouts() {
    try (Stream<Path> files = Files.list(root().resolve("layouts"))) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
