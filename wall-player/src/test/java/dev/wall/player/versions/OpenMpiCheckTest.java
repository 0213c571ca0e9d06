package dev.wall.player.versions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wall.player.launch.LaunchRefused;
import org.junit.jupiter.api.Test;

/** One line that says what is wrong with Open MPI and which command fixes it. */
class OpenMpiCheckTest {

  @Test
  void matchingVersionsPass() {
    assertEquals("4.1.4", OpenMpiCheck.verify("4.1.4", "4.1.4"));
  }

  @Test
  void aJarBuiltForAnotherVersionIsNamedWithItsFix() {
    LaunchRefused failure = assertThrows(LaunchRefused.class, () -> OpenMpiCheck.verify("4.1.4", "4.1.2"));
    assertEquals("mpi.jar was built for Open MPI 4.1.2 but Open MPI 4.1.4 is installed; run bin/bootstrap to rebuild it",
        failure.getMessage());
  }

  @Test
  void aMissingJarIsNamedWithItsFix() {
    LaunchRefused failure = assertThrows(LaunchRefused.class, () -> OpenMpiCheck.verify("4.1.4", null));
    assertEquals("Open MPI's Java bindings (mpi.jar) are not on the classpath; run bin/bootstrap", failure.getMessage());
  }

  @Test
  void openMpi6IsRefusedBecauseItHasNoJava() {
    LaunchRefused failure = assertThrows(LaunchRefused.class, () -> OpenMpiCheck.verify("6.0.0", "6.0.0"));
    assertEquals("Open MPI 6.0.0 has no Java bindings (removed in 6.0); install Open MPI 4.1.x or 5.0.x (run bin/bootstrap)",
        failure.getMessage());
  }

  @Test
  void theInstalledVersionIsReadFromTheRealMpirun() {
    assertEquals(OpenMpiCheck.bindingsVersion(), OpenMpiCheck.installedVersion(java.nio.file.Path.of("target")));
  }
}
