package dev.wall.player.nodes;

import dev.wall.player.launch.OpenMpiCheck;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * This installation's versions, as compared across nodes: the wall's, Java's, Open MPI's and the
 * version mpi.jar was built for. One place reads them, so a better source (the installed package's
 * own record of its version and commit) is a change here only.
 */
public final class InstalledVersions {
  public static final String WALL = "wall";
  public static final String JAVA = "java";
  public static final String OPEN_MPI = "openmpi";
  public static final String MPI_JAR = "mpijar";
  public static final String MISSING = "missing";

  private InstalledVersions() {}

  /** Name to version, in a fixed order; {@link #MISSING} for what is not there. */
  public static Map<String, String> here(Path scratch) {
    Map<String, String> versions = new LinkedHashMap<>();
    String wall = InstalledVersions.class.getPackage().getImplementationVersion();
    versions.put(WALL, wall == null ? "dev" : wall);
    versions.put(JAVA, System.getProperty("java.version"));
    versions.put(OPEN_MPI, orMissing(OpenMpiCheck.installedVersionOrNull(scratch)));
    versions.put(MPI_JAR, orMissing(OpenMpiCheck.jarVersionOrNull()));
    return versions;
  }

  private static String orMissing(String version) {
    return version == null ? MISSING : version;
  }
}
