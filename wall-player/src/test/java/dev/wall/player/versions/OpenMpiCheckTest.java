package dev.wall.player.versions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One line that says what is wrong with Open MPI and which command fixes it. */
class OpenMpiCheckTest {

  @Test
  void matchingVersionsPass() {
    assertEquals(Optional.empty(), OpenMpiCheck.problem("4.1.4", "4.1.4"));
  }

  @Test
  void aJarBuiltForAnotherVersionIsNamedWithItsFix() {
    assertEquals(Optional.of("mpi.jar was built for Open MPI 4.1.2 but Open MPI 4.1.4 is installed;"
        + " run bin/bootstrap to rebuild it"), OpenMpiCheck.problem("4.1.4", "4.1.2"));
  }

  @Test
  void aMissingJarIsNamedWithItsFix() {
    assertEquals(Optional.of("Open MPI's Java bindings (mpi.jar) are not on the classpath; run bin/bootstrap"),
        OpenMpiCheck.problem("4.1.4", null));
  }

  @Test
  void openMpi6IsRefusedBecauseItHasNoJava() {
    assertEquals(Optional.of("Open MPI 6.0.0 has no Java bindings (removed in 6.0); install Open MPI 4.1.x or"
        + " 5.0.x (run bin/bootstrap)"), OpenMpiCheck.problem("6.0.0", "6.0.0"));
  }

  @Test
  void theInstalledVersionIsReadFromTheRealMpirun() {
    assertEquals(Optional.of(OpenMpiCheck.bindingsVersion()), OpenMpiCheck.installed(Path.of("target")));
  }
}
