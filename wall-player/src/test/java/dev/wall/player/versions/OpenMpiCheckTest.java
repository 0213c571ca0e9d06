package dev.wall.player.versions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One line that says what is wrong with Open MPI and which command fixes it. */
class OpenMpiCheckTest {

  @Test
  void matchingVersionsPass() {
    assertEquals(Optional.empty(), OpenMpiCheck.problem("4.1.4", "4.1.4"));
  }

  @Test
  void aJarBuiltForAnotherVersionIsNamedWithItsFix() {
    assertEquals(
        Optional.of(
            "mpi.jar was built for Open MPI 4.1.2 but Open MPI 4.1.4 is installed;"
                + " run bin/bootstrap to rebuild it"),
        OpenMpiCheck.problem("4.1.4", "4.1.2"));
  }

  @Test
  void aMissingJarIsNamedWithItsFix() {
    assertEquals(
        Optional.of(
            "Open MPI's Java bindings (mpi.jar) are not on the classpath; run bin/bootstrap"),
        OpenMpiCheck.problem("4.1.4", null));
  }

  @Test
  void openMpi6IsRefusedBecauseItHasNoJava() {
    assertEquals(
        Optional.of(
            "Open MPI 6.0.0 has no Java bindings (removed in 6.0); install Open MPI 4.1.x or"
                + " 5.0.x (run bin/bootstrap)"),
        OpenMpiCheck.problem("6.0.0", "6.0.0"));
  }

  @Test
  void theInstalledVersionIsReadFromTheRealMpirun() {
    assertEquals(
        Optional.of(OpenMpiCheck.bindingsVersion()), OpenMpiCheck.installed(Path.of("target")));
  }

  @Test
  void anMpirunIsKnownByItsRealPathSizeAndTimeSoAnUpgradeIsAskedAgain(@TempDir Path dir)
      throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path mpirun = Files.writeString(bin.resolve("mpirun"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(mpirun, PosixFilePermissions.fromString("rwx------"));
    String before = OpenMpiCheck.mpirunIdentity("/nonexistent:" + bin).orElseThrow();
    assertTrue(before.startsWith(mpirun.toRealPath() + " 10 "), before);
    Files.setLastModifiedTime(
        mpirun, FileTime.fromMillis(Files.getLastModifiedTime(mpirun).toMillis() + 1000));
    assertNotEquals(before, OpenMpiCheck.mpirunIdentity(bin.toString()).orElseThrow());
    assertEquals(Optional.empty(), OpenMpiCheck.mpirunIdentity(dir.resolve("none").toString()));
  }

  @Test
  void aKeptVersionCountsOnlyForTheSameMpirunAndOnlyAsAPlainFileWithAVersionInIt(@TempDir Path dir)
      throws IOException {
    Path kept =
        Files.writeString(dir.resolve(OpenMpiCheck.KEPT_FILE), "/usr/bin/mpirun 100 5.0\n4.1.4\n");
    assertEquals(Optional.of("4.1.4"), OpenMpiCheck.readKept(kept, "/usr/bin/mpirun 100 5.0"));
    assertEquals(Optional.empty(), OpenMpiCheck.readKept(kept, "/usr/bin/mpirun 100 6.0"));
    Files.writeString(kept, "/usr/bin/mpirun 100 5.0\n4.1.4; rm -rf /\n");
    assertEquals(Optional.empty(), OpenMpiCheck.readKept(kept, "/usr/bin/mpirun 100 5.0"));
    Path elsewhere =
        Files.writeString(dir.resolve("elsewhere"), "/usr/bin/mpirun 100 5.0\n4.1.4\n");
    Path link = Files.createSymbolicLink(dir.resolve("link"), elsewhere);
    assertEquals(Optional.empty(), OpenMpiCheck.readKept(link, "/usr/bin/mpirun 100 5.0"));
  }
}
