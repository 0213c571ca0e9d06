package dev.wall.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {
  @TempDir Path dir;

  @Test
  void theDefaultIsTheSessionsRuntimeFolderThenRunForRootThenOneOfTheUsersOwnInTmp() {
    Path tmp = Path.of("/tmp");
    assertEquals(
        dir.resolve("wall"),
        RunFolder.defaultPath(Map.of("XDG_RUNTIME_DIR", dir.toString()), false, "pi", tmp));
    assertEquals(Path.of("/run/wall"), RunFolder.defaultPath(Map.of(), true, "root", tmp));
    assertEquals(Path.of("/tmp/wall-pi"), RunFolder.defaultPath(Map.of(), false, "pi", tmp));
    assertEquals(
        Path.of("/tmp/wall-pi"),
        RunFolder.defaultPath(
            Map.of("XDG_RUNTIME_DIR", "/nonexistent/run/user/1000"), false, "pi", tmp),
        "a runtime folder that is not there is no choice");
  }

  @Test
  void aNewFolderIsMadeForItsOwnerAlone() throws Exception {
    Path run = RunFolder.prepare(dir.resolve("deep/run"));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(run)));
  }

  @Test
  void anExistingFolderOfOursIsClosedToOthersAndCleanedOfInterruptedWrites() throws Exception {
    Path run = Files.createDirectories(dir.resolve("run"));
    Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path screens = Files.createDirectories(run.resolve("screens"));
    Path torn =
        Files.writeString(screens.resolve(".left.ffprobe.json.2147483646.1.wall-tmp"), "{\"cl");
    Path status = Files.writeString(run.resolve("status.json"), "{}");
    RunFolder.prepare(run);
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(run)));
    assertFalse(Files.exists(torn));
    assertTrue(Files.exists(status));
  }

  @Test
  void aLinkInTheFoldersPlaceIsRefused() throws Exception {
    Path elsewhere = Files.createDirectories(dir.resolve("etc"));
    Path run = Files.createSymbolicLink(dir.resolve("run"), elsewhere);
    RunFolder.RefusedException refused =
        assertThrows(RunFolder.RefusedException.class, () -> RunFolder.prepare(run));
    assertTrue(
        refused.getMessage().startsWith("run folder " + run + " is a symbolic link"),
        refused.getMessage());
  }

  @Test
  void anotherUsersFolderIsRefused() throws Exception {
    Path run = Files.createDirectories(dir.resolve("run"));
    Tools.require(
        RunFolder.ownUid() == 0, "only root can make a folder that belongs to someone else");
    Files.setAttribute(run, "unix:uid", 4242);
    RunFolder.RefusedException refused =
        assertThrows(RunFolder.RefusedException.class, () -> RunFolder.prepare(run));
    assertTrue(
        refused
            .getMessage()
            .contains(
                "belongs to user id 4242, not to you (root, uid 0): someone else made"
                    + " it first, so the wall will not use it; remove it (sudo rm -r "
                    + run
                    + ")"),
        refused.getMessage());
  }

  @Test
  void underASystemdUnitTheUnitsRuntimeFolderComesFirst() {
    Path tmp = Path.of("/tmp");
    Map<String, String> unit =
        Map.of("RUNTIME_DIRECTORY", dir.toString(), "XDG_RUNTIME_DIR", "/run/user/1000");
    assertEquals(dir, RunFolder.defaultPath(unit, false, "pi", tmp));
    assertEquals(
        dir,
        RunFolder.defaultPath(Map.of("RUNTIME_DIRECTORY", dir + ":/run/other"), false, "pi", tmp));
    assertEquals(
        Path.of("/tmp/wall-pi"),
        RunFolder.defaultPath(Map.of("RUNTIME_DIRECTORY", "relative/wall"), false, "pi", tmp),
        "not an absolute folder: no choice");
  }

  @Test
  void checkingChangesNothingAndRefusesAFolderOpenToOthers() throws Exception {
    Path run = RunFolder.prepare(dir.resolve("run"));
    assertEquals(run, RunFolder.check(run));
    Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxrwxrwx"));
    RunFolder.RefusedException refused =
        assertThrows(RunFolder.RefusedException.class, () -> RunFolder.check(run));
    assertEquals(
        "run folder "
            + run
            + " is open to other users (mode rwxrwxrwx), so what it holds may not be the"
            + " wall's: check what is in it, then make it yours alone (chmod 700 "
            + run
            + ") or remove it",
        refused.getMessage());
    assertEquals(
        "rwxrwxrwx",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(run)),
        "left as it was");
    assertThrows(
        java.nio.file.NoSuchFileException.class, () -> RunFolder.check(dir.resolve("missing")));
  }

  @Test
  void aFolderAnotherUserCouldRenameOursOutOfIsRefused() throws Exception {
    Path shared = Files.createDirectories(dir.resolve("shared"));
    Path run = RunFolder.prepare(shared.resolve("run"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    RunFolder.RefusedException refused =
        assertThrows(RunFolder.RefusedException.class, () -> RunFolder.prepare(run));
    assertTrue(
        refused
            .getMessage()
            .startsWith(
                "run folder "
                    + run
                    + " lies in "
                    + shared
                    + ", which other users can"
                    + " write to (mode rwxrwxrwx), so they could swap the run folder"),
        refused.getMessage());
    assertThrows(RunFolder.RefusedException.class, () -> RunFolder.check(run));

    Files.setAttribute(shared, "unix:mode", 01777);
    assertEquals(run, RunFolder.check(run), "sticky, as /tmp is: no one else can rename ours");
  }
}
