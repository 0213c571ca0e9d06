package dev.wall.player.versions;

import dev.wall.core.io.AtomicFile;
import dev.wall.player.players.Executables;
import dev.wall.player.process.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks, before anything starts, that Open MPI is installed and that the Java half on our
 * classpath was built for exactly that version: a mismatch would only fail later, inside MPI_Init,
 * on every node at once.
 */
public final class OpenMpiCheck {
  private static final Pattern VERSION = Pattern.compile("\\(Open MPI\\) (\\d+\\.\\d+\\.\\d+)");
  private static final String FIX = "run bin/bootstrap";
  private static final Duration VERSION_DEADLINE = Duration.ofSeconds(20);

  /** The version mpirun said, once it said one. */
  private static volatile String installed;

  private OpenMpiCheck() {}

  /**
   * What makes Open MPI unusable here, as one line naming the fix; empty when the installed Open
   * MPI and mpi.jar match. The launcher refuses to start on it.
   */
  public static Optional<String> problem(Path scratch) {
    Optional<String> installed = installed(scratch);
    if (installed.isEmpty()) {
      return Optional.of(
          "mpirun not found: Open MPI is not installed; "
              + FIX
              + " (or apt-get install openmpi-bin libopenmpi-dev)");
    }
    return problem(installed.get(), bindingsVersion());
  }

  /** The same check on versions already known: the installed Open MPI's and mpi.jar's (or null). */
  static Optional<String> problem(String installed, String jar) {
    int major = Integer.parseInt(installed.substring(0, installed.indexOf('.')));
    if (major >= 6) {
      return Optional.of(
          "Open MPI "
              + installed
              + " has no Java bindings (removed in 6.0); install Open MPI 4.1.x or 5.0.x ("
              + FIX
              + ")");
    }
    if (jar == null) {
      return Optional.of("Open MPI's Java bindings (mpi.jar) are not on the classpath; " + FIX);
    }
    if (!jar.equals(installed)) {
      return Optional.of(
          "mpi.jar was built for Open MPI "
              + jar
              + " but Open MPI "
              + installed
              + " is installed; "
              + FIX
              + " to rebuild it");
    }
    return Optional.empty();
  }

  /**
   * The installed Open MPI's version, from {@code mpirun --version}; empty when mpirun is missing.
   * Asked once per JVM: the launcher's check, the controller's versions and its own node's answer
   * to the checks before a start all read the same. The answer is also kept in {@code scratch}
   * beside the identity of the mpirun that gave it (its real path, size and modification time), so
   * the next start on this node reads it instead of running mpirun again (0.1 s of start-up, more
   * on a Pi): an upgraded Open MPI is a new file, and is asked again.
   */
  public static Optional<String> installed(Path scratch) {
    String known = installed;
    if (known != null) {
      return Optional.of(known);
    }
    Optional<String> identity = mpirunIdentity(System.getenv("PATH"));
    if (identity.isEmpty()) {
      return Optional.empty();
    }
    Path kept = scratch == null ? null : scratch.resolve(KEPT_FILE);
    Optional<String> remembered = kept == null ? Optional.empty() : readKept(kept, identity.get());
    if (remembered.isPresent()) {
      installed = remembered.get();
      return remembered;
    }
    try {
      Processes.Outcome mpirun =
          Processes.run(List.of("mpirun", "--version"), "", VERSION_DEADLINE, Map.of());
      Matcher m = VERSION.matcher(mpirun.stdout() + "\n" + mpirun.stderr());
      if (m.find()) {
        installed = m.group(1);
        keep(kept, identity.get(), installed);
        return Optional.of(installed);
      }
    } catch (IOException e) {
      // mpirun is not on PATH, or did not answer.
    }
    return Optional.empty();
  }

  /** The file in a scratch folder that keeps mpirun's answer. */
  static final String KEPT_FILE = "openmpi-version";

  private static final Pattern KEPT_VERSION = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

  /**
   * The mpirun that {@code path} finds, as its real path, size and modification time in
   * nanoseconds; empty when there is none.
   */
  static Optional<String> mpirunIdentity(String path) {
    Optional<Path> mpirun = Executables.find("mpirun", path);
    if (mpirun.isEmpty()) {
      return Optional.empty();
    }
    try {
      Path real = mpirun.get().toRealPath();
      BasicFileAttributes attrs = Files.readAttributes(real, BasicFileAttributes.class);
      java.time.Instant modified = attrs.lastModifiedTime().toInstant();
      return Optional.of(
          real + " " + attrs.size() + " " + modified.getEpochSecond() + "." + modified.getNano());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * The version kept for exactly this mpirun, or empty: another mpirun, or a file not ours to
   * trust.
   */
  static Optional<String> readKept(Path kept, String identity) {
    try {
      if (!Files.isRegularFile(kept, LinkOption.NOFOLLOW_LINKS) || Files.size(kept) > 4096) {
        return Optional.empty();
      }
      List<String> lines = Files.readAllLines(kept, StandardCharsets.UTF_8);
      if (lines.size() == 2
          && lines.get(0).equals(identity)
          && KEPT_VERSION.matcher(lines.get(1)).matches()) {
        return Optional.of(lines.get(1));
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      // Unreadable: ask mpirun.
    }
    return Optional.empty();
  }

  private static void keep(Path kept, String identity, String version) {
    if (kept == null || !Files.isDirectory(kept.getParent(), LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      AtomicFile.replacingLinks()
          .write(kept, (identity + "\n" + version + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // Kept only to save time; the next start asks mpirun again.
    }
  }

  /**
   * The Implementation-Version bin/bootstrap wrote into mpi.jar's manifest, or null without the
   * jar.
   */
  public static String bindingsVersion() {
    try {
      Class<?> mpi = Class.forName("mpi.MPI", false, OpenMpiCheck.class.getClassLoader());
      String version = mpi.getPackage().getImplementationVersion();
      return version == null ? "unknown" : version;
    } catch (ClassNotFoundException e) {
      return null;
    }
  }
}
