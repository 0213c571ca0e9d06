package dev.wall.player.versions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What this installation of wall is, as {@code wall --version} prints it and as another node's
 * answer is compared with it: the release and the commit it was built from (both written into the
 * jar at build time, never "dev"), the installed Open MPI and the Open MPI its mpi.jar was built
 * for.
 *
 * @param release the Maven version of the build, such as {@code 0.1.0-SNAPSHOT}
 * @param commit the commit's abbreviated id, with {@code -modified} when the build had local
 *     changes
 * @param openMpi the installed Open MPI ({@code mpirun --version}), or null when it is not
 *     installed
 * @param mpiJar the version in mpi.jar's manifest, or null when mpi.jar is not on the classpath
 */
public record InstalledVersion(String release, String commit, String openMpi, String mpiJar) {
  /** The resource the build writes (git-commit-id-maven-plugin, in wall-player's pom). */
  static final String BUILD_PROPERTIES = "/dev/wall/player/versions/build.properties";

  /** The resource Maven filters with the project's version. */
  static final String RELEASE_PROPERTIES = "/dev/wall/player/versions/release.properties";

  private static final String UNKNOWN = "unknown";
  private static final Pattern FIRST_LINE = Pattern.compile("wall (\\S+) commit (\\S+)");
  private static final Pattern MPI_LINE = Pattern.compile("Open MPI (\\S+), mpi\\.jar (\\S+)");

  /** This JVM's wall, with Open MPI as found now. */
  public static InstalledVersion current(java.nio.file.Path scratch) {
    return new InstalledVersion(
        Build.RELEASE,
        Build.COMMIT,
        OpenMpiCheck.installed(scratch).orElse(null),
        OpenMpiCheck.bindingsVersion());
  }

  /** The release and commit of this build, without looking for Open MPI. */
  public static InstalledVersion build() {
    return new InstalledVersion(Build.RELEASE, Build.COMMIT, null, OpenMpiCheck.bindingsVersion());
  }

  /** {@code 0.1.0-SNAPSHOT commit 1a2b3c4d5e6f}: what two nodes must agree on. */
  public String wall() {
    return release + " commit " + commit;
  }

  /** The lines {@code wall --version} prints; {@link #parse} reads them back. */
  public String[] lines() {
    return new String[] {
      "wall " + wall(),
      "Open MPI " + orNone(openMpi) + ", mpi.jar " + orNone(mpiJar),
      "Java " + Runtime.version()
    };
  }

  /**
   * Reads another node's {@code wall --version} output; empty when it is not ours (util-linux's
   * wall, say).
   */
  public static Optional<InstalledVersion> parse(String versionOutput) {
    Matcher first = FIRST_LINE.matcher(versionOutput);
    if (!first.find()) {
      return Optional.empty();
    }
    Matcher mpi = MPI_LINE.matcher(versionOutput);
    boolean hasMpi = mpi.find();
    return Optional.of(
        new InstalledVersion(
            first.group(1),
            first.group(2),
            hasMpi ? fromNone(mpi.group(1)) : null,
            hasMpi ? fromNone(mpi.group(2)) : null));
  }

  /** Whether {@code other} runs the same wall (release and commit) on the same Open MPI. */
  public boolean sameAs(InstalledVersion other) {
    return wall().equals(other.wall())
        && java.util.Objects.equals(openMpi, other.openMpi)
        && java.util.Objects.equals(mpiJar, other.mpiJar);
  }

  private static String orNone(String value) {
    return value == null ? "none" : value;
  }

  private static String fromNone(String value) {
    return value.equals("none") ? null : value;
  }

  /** Read once: the properties the build wrote. */
  private static final class Build {
    static final String RELEASE;
    static final String COMMIT;

    static {
      Properties props = new Properties();
      load(props, RELEASE_PROPERTIES);
      load(props, BUILD_PROPERTIES);
      RELEASE = props.getProperty("wall.release", UNKNOWN);
      String id = props.getProperty("git.commit.id.abbrev", UNKNOWN);
      COMMIT =
          id.isEmpty()
              ? UNKNOWN
              : id + ("true".equals(props.getProperty("git.dirty")) ? "-modified" : "");
    }

    private static void load(Properties props, String resource) {
      try (InputStream in = InstalledVersion.class.getResourceAsStream(resource)) {
        if (in != null) {
          props.load(in);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
