package dev.wall.bench.wall;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The build of wall a case plays: this checkout's (the jars the benchmark was built with), or
 * another's, so that two builds ("before" and "after") are measured in one sitting by the same
 * benchmark code. Only the wall's own processes (the controller, and through it the ranks) run the
 * other build; the benchmark's display, clips, screenshots and judging stay its own.
 *
 * @param label how the tables name it: {@code this checkout}, or the folder given
 * @param classpath the controller JVM's classpath, which it hands on to its ranks
 * @param commit the commit the build comes from, as its jar records it ({@code +dirty} when its
 *     checkout had changes), or {@code unknown}
 */
public record WallBuild(String label, String classpath, String commit) {
  private static final String BUILD_INFO = "dev/wall/player/versions/build.properties";

  /** The wall this benchmark was built with. */
  public static WallBuild current() {
    String classpath = WallLaunch.ownClasspath();
    return new WallBuild("this checkout", classpath, commitOf(classpath));
  }

  /**
   * The wall built in {@code dir}: a checkout after {@code mvn package} (its {@code
   * wall-player/target} jars), or an installed wall ({@code /opt/wall}, its {@code lib}).
   *
   * @throws IOException naming what is missing, and how to build it
   */
  public static WallBuild of(Path dir) throws IOException {
    Path root = dir.toAbsolutePath().normalize();
    List<String> entries = new ArrayList<>();
    Path installed = root.resolve("lib/wall-player.jar");
    if (Files.isRegularFile(installed)) {
      entries.addAll(jars(root.resolve("lib")));
    } else {
      Path target = root.resolve("wall-player/target");
      try (Stream<Path> built = Files.isDirectory(target) ? Files.list(target) : Stream.empty()) {
        built
            .map(Path::toString)
            .filter(n -> n.matches(".*/wall-player-[^/]*\\.jar") && !n.endsWith("-tests.jar"))
            .forEach(entries::add);
      }
      if (entries.isEmpty()) {
        throw new IOException(
            "--wall "
                + dir
                + ": no built wall there (no wall-player/target/wall-player-*.jar,"
                + " no lib/wall-player.jar); build it: (cd "
                + root
                + " && bin/bootstrap --test && mvn -B -q package"
                + " -DskipTests)");
      }
      entries.addAll(jars(target.resolve("lib")));
      Path mpi = root.resolve(".mvn/mpi.jar");
      if (Files.exists(mpi)) {
        entries.add(mpi.toRealPath().toString());
      }
    }
    if (entries.stream().noneMatch(e -> e.matches(".*/mpi[^/]*\\.jar"))) {
      // Open MPI's Java half is the machine's, not the build's: take the benchmark's own.
      Arrays.stream(WallLaunch.ownClasspath().split(File.pathSeparator))
          .filter(e -> e.matches(".*/mpi[^/]*\\.jar"))
          .findFirst()
          .ifPresent(entries::add);
    }
    String classpath = String.join(File.pathSeparator, entries);
    return new WallBuild(dir.toString(), classpath, commitOf(classpath));
  }

  /** e.g. {@code /tmp/before (1f3f970185e4)}. */
  public String describe() {
    return label + " (" + commit + ")";
  }

  private static List<String> jars(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> jars = Files.list(dir)) {
      return jars.map(Path::toString).filter(n -> n.endsWith(".jar")).sorted().toList();
    }
  }

  /** The commit in the first jar of {@code classpath} that records one. */
  static String commitOf(String classpath) {
    for (String entry : classpath.split(File.pathSeparator)) {
      if (!entry.endsWith(".jar") || !Files.isRegularFile(Path.of(entry))) {
        continue;
      }
      try (JarFile jar = new JarFile(entry)) {
        var info = jar.getEntry(BUILD_INFO);
        if (info == null) {
          continue;
        }
        Properties properties = new Properties();
        try (InputStream in = jar.getInputStream(info)) {
          properties.load(in);
        }
        String commit = properties.getProperty("git.commit.id.abbrev", "unknown");
        return commit + ("true".equals(properties.getProperty("git.dirty")) ? "+dirty" : "");
      } catch (IOException e) {
        // Not a jar we can read: look on.
      }
    }
    return "unknown";
  }
}
