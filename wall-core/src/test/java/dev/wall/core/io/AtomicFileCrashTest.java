package dev.wall.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.io.AtomicFile.Step;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AtomicFileCrashTest {
  private static final byte[] OLD = "old content\nline two\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] NEW =
      "new content, longer than the old one\n".repeat(200).getBytes(StandardCharsets.UTF_8);

  /**
   * A crash between any two steps leaves the old file or the new one, whole, and no stray temp
   * file.
   */
  @ParameterizedTest
  @EnumSource(Step.class)
  void aFailureBetweenStepsLeavesOldOrNewNeverAMix(Step failAt, @TempDir Path dir)
      throws IOException {
    Path target = dir.resolve("config.txt");
    Files.write(target, OLD);
    AtomicFile writer =
        new AtomicFile(
            (step, file) -> {
              if (step == failAt) {
                throw new IOException("crash after " + step);
              }
            });
    assertThrows(IOException.class, () -> writer.write(target, NEW, FileAttrs.mode("rw-r--r--")));
    byte[] left = Files.readAllBytes(target);
    assertArrayEquals(failAt == Step.RENAMED ? NEW : OLD, left);
    try (var files = Files.list(dir)) {
      assertEquals(List.of(target), files.toList(), "temporary file left behind");
    }
  }

  @Test
  void keepsModeOfTheFileItReplaces(@TempDir Path dir) throws IOException {
    Path target = dir.resolve("cmdline.txt");
    Files.write(target, OLD);
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-x---"));
    new AtomicFile().write(target, NEW, FileAttrs.mode("rw-------"));
    assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    assertArrayEquals(NEW, Files.readAllBytes(target));
  }

  @Test
  void newFileGetsTheModeAskedFor(@TempDir Path dir) throws IOException {
    Path target = dir.resolve("wall-eth0.nmconnection");
    new AtomicFile().write(target, NEW, FileAttrs.mode("rw-------"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
  }

  @Test
  void inAFolderOfItsOwnALinkInTheFilesPlaceIsReplacedNeverFollowed(@TempDir Path dir)
      throws IOException {
    Path victim = dir.resolve("passwd");
    Files.write(victim, OLD);
    Path hostfile = dir.resolve("hostfile");
    Files.createSymbolicLink(hostfile, victim);
    AtomicFile.replacingLinks().write(hostfile, NEW, FileAttrs.mode("rw-------"));
    assertArrayEquals(OLD, Files.readAllBytes(victim), "the link's target is untouched");
    assertFalse(Files.isSymbolicLink(hostfile));
    assertArrayEquals(NEW, Files.readAllBytes(hostfile));
  }

  /** A power cut between write and rename leaves a temporary file; the next start removes it. */
  @Test
  void leftoversOfWritersThatAreGoneAreCleanedAndALiveWritersAreNot(@TempDir Path dir)
      throws IOException {
    Path dead = dir.resolve(".status.json.2147483646.7.wall-tmp");
    Path live = dir.resolve(".status.json." + ProcessHandle.current().pid() + ".8.wall-tmp");
    Path other = dir.resolve("status.json");
    for (Path p : List.of(dead, live, other)) {
      Files.write(p, OLD);
    }
    assertEquals(1, AtomicFile.cleanLeftovers(dir));
    assertFalse(Files.exists(dead));
    assertTrue(Files.exists(live), "a write in progress is not touched");
    assertTrue(Files.exists(other));
  }
}
