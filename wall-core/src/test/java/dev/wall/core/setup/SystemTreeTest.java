package dev.wall.core.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemTreeTest {
  @Test
  void bootFolderIsFirmwareWhenItHoldsConfigTxt(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/os-release"), "VERSION_CODENAME=bookworm\n");
    Files.createDirectories(root.resolve("boot/firmware"));
    assertEquals("/boot", SystemTree.detect(root).bootDir());
    Files.writeString(root.resolve("boot/firmware/config.txt"), "");
    assertEquals("/boot/firmware", SystemTree.detect(root).bootDir());
    assertEquals(Release.BOOKWORM, SystemTree.detect(root).release());
  }

  @Test
  void unknownReleaseIsRefused(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/os-release"), "ID=debian\nVERSION_CODENAME=\"stretch\"\n");
    SetupRefusal refusal = assertThrows(SetupRefusal.class, () -> SystemTree.detect(root));
    assertTrue(
        refusal
            .getMessage()
            .endsWith(
                "/etc/os-release: unknown release \"stretch\"; wall setup knows buster, bullseye, bookworm"),
        refusal.getMessage());
  }
}
