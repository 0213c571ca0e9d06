package dev.wall.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files in a tree another user controls: no link followed, not even one made during the write. */
class AtomicFileBelowTest {
  @TempDir Path dir;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private Path home() throws IOException {
    Path home = Files.createDirectories(dir.resolve("home/pi/.ssh"));
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    return home.getParent().getParent().resolve("pi");
  }

  private Path outside() throws IOException {
    Path secret = Files.createDirectories(dir.resolve("etc")).resolve("shadow");
    Files.writeString(secret, "root's own\n");
    return secret;
  }

  private static int me() throws IOException {
    return RunFolder.ownUid();
  }

  @Test
  void writesReadsAndDeletesAFileAsItsOwners() throws IOException {
    Path home = home();
    AtomicFile files = AtomicFile.below(home, me());
    Path config = home.resolve(".ssh/wall_config");
    files.write(config, bytes("Host rpi2\n"), FileAttrs.mode("rw-r--r--"));
    assertEquals(
        "Host rpi2\n", new String(files.read(config).orElseThrow(), StandardCharsets.UTF_8));
    assertEquals(
        "rw-r--r--", PosixFilePermissions.toString(files.attributes(config).orElseThrow().mode()));
    files.write(config, bytes("Host rpi3\n"), FileAttrs.mode("rw-------"));
    assertEquals(
        "rw-r--r--",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(config)),
        "kept its mode");
    try (var names = Files.list(config.getParent())) {
      assertEquals(1, names.count(), "no temporary file left");
    }
    assertTrue(files.delete(config));
    assertFalse(files.delete(config));
    assertEquals(Optional.empty(), files.read(home.resolve(".ssh/missing")));
    assertEquals(
        Optional.empty(),
        files.read(home.resolve(".config/labwc/autostart")),
        "a folder missing on the way");
  }

  @Test
  void aLinkInTheFilesPlaceIsRefusedByReadAndReplacedByWriteNeverFollowed() throws IOException {
    Path home = home();
    Path secret = outside();
    Path config = Files.createSymbolicLink(home.resolve(".ssh/wall_config"), secret);
    AtomicFile files = AtomicFile.below(home, me());

    AtomicFile.UnsafePathException refused =
        assertThrows(AtomicFile.UnsafePathException.class, () -> files.read(config));
    assertEquals(
        config
            + ": a symbolic link (to "
            + secret
            + ") where another user controls the folder, and wall"
            + " follows no link there; put the file itself in its place, or remove the link, then run again",
        refused.getMessage());
    assertThrows(AtomicFile.UnsafePathException.class, () -> files.attributes(config));

    files.write(config, bytes("Host rpi2\n"), FileAttrs.mode("rw-r--r--"));
    assertEquals("root's own\n", Files.readString(secret));
    assertFalse(Files.isSymbolicLink(config));
    assertEquals("Host rpi2\n", Files.readString(config));
  }

  @Test
  void aLinkedFolderOnTheWayIsRefused() throws IOException {
    Path home = home();
    Path elsewhere = outside().getParent();
    Files.createSymbolicLink(home.resolve(".config"), elsewhere);
    AtomicFile files = AtomicFile.below(home, me());
    Path through = home.resolve(".config/shadow");
    assertThrows(AtomicFile.UnsafePathException.class, () -> files.read(through));
    assertThrows(
        AtomicFile.UnsafePathException.class,
        () -> files.write(through, bytes("x"), FileAttrs.DEFAULT));
    assertThrows(AtomicFile.UnsafePathException.class, () -> files.delete(through));
    assertEquals("root's own\n", Files.readString(elsewhere.resolve("shadow")));
  }

  @Test
  void aFolderOthersCanWriteToIsRefused() throws IOException {
    Path home = home();
    Files.setPosixFilePermissions(
        home.resolve(".ssh"), PosixFilePermissions.fromString("rwxrwxrwx"));
    AtomicFile files = AtomicFile.below(home, me());
    AtomicFile.UnsafePathException refused =
        assertThrows(
            AtomicFile.UnsafePathException.class,
            () -> files.write(home.resolve(".ssh/wall_config"), bytes("x"), FileAttrs.DEFAULT));
    assertTrue(
        refused
            .getMessage()
            .startsWith(home.resolve(".ssh") + ": other users can write to it (mode rwxrwxrwx)"),
        refused.getMessage());
  }

  @Test
  void aFolderSwappedForALinkWhileTheFileIsWrittenDoesNotRedirectIt() throws IOException {
    Path home = home();
    Path secret = outside();
    Path ssh = home.resolve(".ssh");
    Path moved = home.resolve(".ssh-moved");
    AtomicFile files =
        AtomicFile.below(
            home,
            me(),
            (step, target) -> {
              if (step == AtomicFile.Step.WRITTEN) {
                // The user, racing root: the folder checked a moment ago is now a link to /etc.
                Files.move(ssh, moved);
                Files.createSymbolicLink(ssh, secret.getParent());
              }
            });
    files.write(ssh.resolve("shadow"), bytes("pi's line\n"), FileAttrs.DEFAULT);
    assertEquals("root's own\n", Files.readString(secret), "nothing written where the link points");
    assertEquals(
        "pi's line\n",
        Files.readString(moved.resolve("shadow")),
        "written in the folder that was checked");
  }
}
