package dev.wall.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
  @TempDir Path dir;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void createsAndReplacesAFile() throws IOException {
    Path file = dir.resolve("a.json");
    new AtomicFile().write(file, bytes("one"));
    new AtomicFile().replace(file, bytes("one"), bytes("two"));
    assertEquals("two", Files.readString(file));
    assertEquals(List.of("a.json"), names());
  }

  @Test
  void aFailureBeforeTheRenameLeavesTheFileAndNoTemporary() throws IOException {
    Path file = dir.resolve("a.json");
    Files.writeString(file, "original");
    AtomicFile failing =
        new AtomicFile(
            (step, target) -> {
              if (step == AtomicFile.Step.SYNCED) {
                assertEquals(2, names().size(), "the temporary file sits beside the target");
                throw new IOException("disk full");
              }
            });
    assertThrows(IOException.class, () -> failing.replace(file, bytes("original"), bytes("new")));
    assertArrayEquals(bytes("original"), Files.readAllBytes(file));
    assertEquals(List.of("a.json"), names());
  }

  @Test
  void theTemporaryFileIsOnlyTheOwnersWhileItIsWritten() throws IOException {
    Path file = dir.resolve("hosts");
    Files.writeString(file, "old");
    List<String> seen = new java.util.ArrayList<>();
    new AtomicFile(
            (step, target) -> {
              if (step == AtomicFile.Step.WRITTEN) {
                for (String name : names()) {
                  if (!name.equals("hosts")) {
                    seen.add(
                        name
                            + " "
                            + PosixFilePermissions.toString(
                                Files.getPosixFilePermissions(dir.resolve(name))));
                  }
                }
              }
            })
        .write(file, bytes("new"));
    assertEquals(1, seen.size(), seen.toString());
    assertTrue(seen.get(0).matches("\\.hosts\\.\\d+\\.\\d+\\.wall-tmp rw-------"), seen.get(0));
    assertEquals(List.of("hosts"), names());
  }

  @Test
  void aLeftoverTemporaryOfTheSameNameIsSteppedOver() throws IOException {
    Path file = dir.resolve("hosts");
    long pid = ProcessHandle.current().pid();
    for (int i = 0; i < 200; i++) {
      Files.writeString(dir.resolve(".hosts." + pid + "." + i + ".wall-tmp"), "left by a crash");
    }
    new AtomicFile().write(file, bytes("new"));
    assertEquals("new", Files.readString(file));
    assertEquals(201, names().size(), "the leftovers are not ours to delete");
  }

  @Test
  void refusesWhenTheFileChangedSinceItWasRead() throws IOException {
    Path file = dir.resolve("a.json");
    Files.writeString(file, "someone else's edit");
    assertThrows(
        AtomicFile.ChangedMeanwhileException.class,
        () -> new AtomicFile().replace(file, bytes("what we read"), bytes("ours")));
    assertEquals("someone else's edit", Files.readString(file));
    assertEquals(List.of("a.json"), names());
  }

  @Test
  void keepsTheModeOfTheFile() throws IOException {
    Path file = dir.resolve("a.json");
    Files.writeString(file, "x");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
    new AtomicFile().replace(file, bytes("x"), bytes("y"));
    assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void replacesTheFileALinkPointsToAndKeepsTheLink() throws IOException {
    Path real = Files.createDirectories(dir.resolve("real")).resolve("a.json");
    Files.writeString(real, "old");
    Path link = Files.createSymbolicLink(dir.resolve("link.json"), real);
    new AtomicFile().replace(link, bytes("old"), bytes("new"));
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("new", Files.readString(real));
  }

  @Test
  void saysWhenTheFolderDoesNotExist() {
    IOException e =
        assertThrows(
            IOException.class,
            () -> new AtomicFile().write(dir.resolve("no/such/a.json"), bytes("x")));
    assertTrue(e.getMessage().contains("folder does not exist"), e.getMessage());
  }
}
