package dev.wall.player.versions;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * This installation's versions, as compared across nodes: the wall's, Java's, Open MPI's and the
 * version mpi.jar was built for, as {@link InstalledVersion} reads them (the wall's as its release
 * and commit), keyed for the checks' columns.
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
    InstalledVersion installed = InstalledVersion.current(scratch);
    versions.put(WALL, installed.wall());
    versions.put(JAVA, System.getProperty("java.version"));
    versions.put(OPEN_MPI, orMissing(installed.openMpi()));
    versions.put(MPI_JAR, orMissing(installed.mpiJar()));
    return versions;
  }

  private static String orMissing(String version) {
    return version == null ? MISSING : version;
  }
}
