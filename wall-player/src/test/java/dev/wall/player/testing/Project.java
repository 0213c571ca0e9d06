package dev.wall.player.testing;

import dev.wall.core.testing.RepoFiles;
import java.nio.file.Path;
import java.util.List;

/** Paths in this repository, and the JVM that child JVMs of a test reuse. */
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
}
