package dev.wall.player.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What the checks before a start say of a node they could not ask. */
class PreflightTest {
  private static String unreached(RemoteNodes.Unreached why, String detail) {
    return Preflight.unreached(
        "rpi2 (screen b)", new RemoteNodes.Reply("rpi2", null, why, detail, 0.5));
  }

  @Test
  void noWallThereIsNotADifferentArchitectureWhichIsFine() {
    String other = NodeJava.machine().equals("aarch64") ? "x86_64" : "aarch64";
    assertEquals(
        "rpi2 (screen b) has no wall at /opt/wall/lib/wall-player.jar, where this controller has it (it is an "
            + other
            + " node and this controller "
            + NodeJava.machine()
            + ", which is fine: the package is the same for"
            + " both, and each node runs its own Java and Open MPI); install the same wall there (wall setup install)",
        unreached(
            RemoteNodes.Unreached.NOT_INSTALLED,
            "wall-java: no wall at /opt/wall/lib/wall-player.jar on rpi2 (" + other + ")"));
    assertEquals(
        "rpi2 (screen b) has no wall at /opt/wall/lib/wall-player.jar, where this controller has it;"
            + " install the same wall there (wall setup install)",
        unreached(
            RemoteNodes.Unreached.NOT_INSTALLED,
            "wall-java: no wall at /opt/wall/lib/wall-player.jar on rpi2 ("
                + NodeJava.machine()
                + ")"));
  }

  @Test
  void aNodeWithTheWallElsewhereIsToldToRunItFromTheSamePlace() {
    assertEquals(
        "rpi2 (screen b) has no wall at /home/pi/wall/wall-player/target/classes but one in /opt/wall; run"
            + " the wall from the same place on every node: install this controller's package here too"
            + " (apt-get install ./wall_*.deb)",
        unreached(
            RemoteNodes.Unreached.NOT_INSTALLED,
            "wall-java: no wall at /home/pi/wall/wall-player/target/classes on rpi2 ("
                + NodeJava.machine()
                + "); it has one in /opt/wall"));
  }

  @Test
  void aNodeWithoutJavaIsToldWhatBringsIt() {
    assertEquals(
        "rpi2 (screen b) has no Java (wall-java: no Java on rpi2 (aarch64): install openjdk-17-jre-headless);"
            + " install the same wall there (wall setup install), which brings openjdk-17-jre-headless",
        unreached(
            RemoteNodes.Unreached.NO_JAVA,
            "wall-java: no Java on rpi2 (aarch64): install openjdk-17-jre-headless"));
    assertEquals(
        RemoteNodes.Unreached.NO_JAVA,
        RemoteNodes.classify(
            127, "wall-java: no Java on rpi2 (aarch64): install openjdk-17-jre-headless"));
  }

  @Test
  void onlyJavasFeatureReleaseMustAgreeAcrossNodesEachRunsItsOwn() {
    assertEquals("17", Doctor.feature("17.0.15"));
    assertEquals("21", Doctor.feature("21"));
  }
}
