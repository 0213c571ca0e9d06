package dev.wall.player.players.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.PlayerKind;
import dev.wall.player.players.Executables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which backend a node plays with, picked from the one list of backends. */
class BackendsTest {

  @Test
  void autoPicksTheFirstInstalledOfOmxplayerMpvAndVlc() {
    assertEquals(PlayerKind.OMXPLAYER, choose(PlayerKind.AUTO, "omxplayer.bin", "mpv", "cvlc"));
    assertEquals(PlayerKind.MPV, choose(PlayerKind.AUTO, "mpv", "cvlc"));
    assertEquals(PlayerKind.VLC, choose(PlayerKind.AUTO, "cvlc"));
  }

  @Test
  void anExplicitPlayerIsUsedEvenWhenAnotherComesFirst() {
    assertEquals(PlayerKind.VLC, choose(PlayerKind.VLC, "omxplayer.bin", "mpv", "cvlc"));
    assertEquals(PlayerKind.MPV, choose(PlayerKind.MPV, "omxplayer.bin", "mpv"));
  }

  @Test
  void anExplicitPlayerThatIsNotInstalledIsNamedWithTheFix() {
    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> choose(PlayerKind.OMXPLAYER, "mpv"));
    assertEquals(
        "player omxplayer is not installed on this node: omxplayer.bin is not on PATH; install it"
            + " (apt-get install omxplayer, Raspberry Pi OS Buster or older only) or set \"player\" to another"
            + " player or to \"auto\"",
        refused.getMessage());
  }

  @Test
  void autoWithNothingInstalledSaysWhatWasLookedFor() {
    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> choose(PlayerKind.AUTO));
    assertEquals(
        "no video player is installed on this node: none of omxplayer.bin, mpv, cvlc is on PATH;"
            + " install mpv (apt-get install mpv)",
        refused.getMessage());
  }

  @Test
  void programsAreLookedUpOnPathAsExecutableFiles(@TempDir Path dir) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path other = Files.createDirectories(dir.resolve("other"));
    Path mpv = Files.createFile(bin.resolve("mpv"));
    Files.setPosixFilePermissions(mpv, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createFile(other.resolve("cvlc"));
    String path = other + ":" + bin;
    assertEquals(mpv, Executables.find("mpv", path).orElseThrow());
    assertTrue(Executables.find("cvlc", path).isEmpty(), "not executable, not installed");
    assertTrue(Executables.find("omxplayer.bin", path).isEmpty());
    assertEquals(
        mpv, Executables.find(mpv.toString(), null).orElseThrow(), "a path is taken as it is");
  }

  @Test
  void everyKindOfTheLayoutButAutoHasExactlyOneBackend() {
    for (PlayerKind kind : PlayerKind.values()) {
      long registered = Backends.ALL.all().stream().filter(b -> b.kind() == kind).count();
      assertEquals(kind == PlayerKind.AUTO ? 0 : 1, registered, kind.jsonName());
    }
  }

  private static PlayerKind choose(PlayerKind requested, String... installed) {
    Set<String> programs = Set.of(installed);
    return Backends.ALL.choose(requested, programs::contains).kind();
  }
}
