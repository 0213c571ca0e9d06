package dev.wall.player.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.player.testing.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control key: made, kept 0600, read only from a file of its own user, and signed with. */
class ControlKeyTest {
  @TempDir Path dir;

  @Test
  void wallCtlNewKeyKeepsItInA0600FileAndPrintsItLast() throws Exception {
    Path file = dir.resolve("config/wall/control.key");
    Cli said = Cli.run("ctl", "--new-key", "--key-file", file);
    assertEquals(0, said.code(), said.err());
    List<String> lines = said.out().lines().toList();
    String key = lines.get(lines.size() - 1);
    assertTrue(key.matches("[A-Za-z0-9_-]{43}"), key);
    assertEquals(key + "\n", Files.readString(file));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    assertTrue(ControlKey.read(file).matches(key));
    Cli again = Cli.run("ctl", "--new-key", "--key-file", file);
    assertNotEquals(
        key, again.out().lines().reduce((a, b) -> b).orElseThrow(), "a new key each time");
  }

  @Test
  void aKeyFileOthersCouldReadOrALinkIsRefusedNamingTheFix() throws Exception {
    Path file = dir.resolve("control.key");
    ControlKey.generate().write(file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    IOException open = assertThrows(IOException.class, () -> ControlKey.read(file));
    assertTrue(open.getMessage().contains("chmod 600"), open.getMessage());
    Path link = dir.resolve("link.key");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    Files.createSymbolicLink(link, file);
    IOException linked = assertThrows(IOException.class, () -> ControlKey.read(link));
    assertTrue(linked.getMessage().contains("not a plain file"), linked.getMessage());
    Files.writeString(file, "password\n");
    assertThrows(IOException.class, () -> ControlKey.read(file));
    IOException missing =
        assertThrows(IOException.class, () -> ControlKey.read(dir.resolve("none")));
    assertTrue(missing.getMessage().contains("wall ctl --new-key"), missing.getMessage());
  }

  @Test
  void itMatchesOnlyItselfAndSignsAsOpensslDoes() throws Exception {
    ControlKey key = ControlKey.generate();
    assertTrue(key.matches(key.text()));
    assertFalse(key.matches(key.text() + "x"));
    assertFalse(key.matches(""));
    assertFalse(key.matches(null));
    assertEquals("ControlKey[hidden]", key.toString());
    // The signature a receiver computes with any HMAC tool: openssl here.
    byte[] body = "{\"event\":\"loop-started\"}".getBytes(StandardCharsets.UTF_8);
    Path bodyFile = dir.resolve("body.json");
    Files.write(bodyFile, body);
    Process openssl =
        new ProcessBuilder("openssl", "dgst", "-sha256", "-hmac", key.text(), bodyFile.toString())
            .redirectErrorStream(true)
            .start();
    String said = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, openssl.waitFor());
    assertTrue(said.strip().endsWith("= " + key.sign(body)), said);
  }
}
