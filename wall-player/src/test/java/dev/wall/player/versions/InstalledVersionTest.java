package dev.wall.player.versions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstalledVersionTest {
  @Test
  void theBuildNamesItsReleaseAndCommitNeverDev() {
    InstalledVersion build = InstalledVersion.build();
    assertTrue(build.release().matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), build.release());
    assertTrue(
        build.commit().matches("[0-9a-f]{12}(-modified)?"),
        "bin/build-info wrote the commit: " + build.commit());
    assertNotEquals("dev", build.release());
  }

  @Test
  void anotherNodesVersionOutputReadsBackToTheSameRecord() {
    InstalledVersion here = new InstalledVersion("0.1.0", "0123456789ab", "4.1.4", "4.1.4");
    String output = String.join("\n", here.lines()) + "\n";
    assertEquals(Optional.of(here), InstalledVersion.parse(output));
    assertTrue(here.sameAs(InstalledVersion.parse(output).orElseThrow()));
  }

  @Test
  void aDifferentCommitOrOpenMpiIsNotTheSameWall() {
    InstalledVersion here = new InstalledVersion("0.1.0", "0123456789ab", "4.1.4", "4.1.4");
    assertFalse(here.sameAs(new InstalledVersion("0.1.0", "ba9876543210", "4.1.4", "4.1.4")));
    assertFalse(here.sameAs(new InstalledVersion("0.1.0", "0123456789ab", "4.1.5", "4.1.5")));
    assertEquals(
        Optional.of(new InstalledVersion("0.1.0", "0123456789ab", null, null)),
        InstalledVersion.parse("wall 0.1.0 commit 0123456789ab\nOpen MPI none, mpi.jar none\n"));
  }

  @Test
  void utilLinuxsWallIsNotOurs() {
    assertEquals(Optional.empty(), InstalledVersion.parse("wall from util-linux 2.38.1\n"));
  }
}
