package dev.wall.player.cli.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wall.player.testing.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules on the layout as a file, before any JSON is read, through the whole CLI. */
class FileRulesTest {
  @TempDir Path dir;

  private void assertRefused(Path file, String expected) {
    Cli result = Cli.run("validate", file);
    assertEquals(List.of(file + ": " + expected), result.errLines());
    assertEquals(2, result.code());
    assertEquals("", result.out());
  }

  @Test
  void theFileMustExist() {
    assertRefused(dir.resolve("lobby.json"), "does not exist; check the file name and folder");
  }

  @Test
  void aBrokenLinkSaysSo() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("lobby.json"), dir.resolve("moved.json"));
    assertRefused(link, "is a broken link; check the file name and folder");
  }

  @Test
  void theFileIsNotAFolder() {
    assertRefused(dir, "is a folder, not a layout file; give the path of the .json file");
  }

  @Test
  void theFileIsARegularFile() throws Exception {
    Path fifo = dir.resolve("pipe.json");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    if (!mkfifo.waitFor(30, TimeUnit.SECONDS)) {
      mkfifo.destroyForcibly();
    }
    assertEquals(0, mkfifo.exitValue());
    assertRefused(fifo, "is not a regular file; give the path of the layout's .json file");
  }

  @Test
  void theFileIsNotEmpty() throws Exception {
    Path file = Files.writeString(dir.resolve("empty.json"), "");
    String expected =
        "is empty; a layout is a JSON object such as {\"version\": 1, ...}; see docs/layout.md";
    assertRefused(file, expected);
    Files.writeString(file, " \n\t\n");
    assertRefused(file, expected);
  }

  @Test
  void theFileIsAtMost1MiB() throws Exception {
    Path file =
        Files.writeString(dir.resolve("huge.json"), "{" + " ".repeat(2 * 1024 * 1024) + "}");
    assertRefused(
        file,
        "is 2049 KiB, more than the 1024 KiB (1 MiB) a layout may be; check that"
            + " this is the layout file; a layout is a few KiB of JSON");
  }

  @Test
  void theFileIsUtf8() throws Exception {
    Path file = dir.resolve("latin1.json");
    Files.write(file, "{\n  \"name\": \"Café\"\n}".getBytes(StandardCharsets.ISO_8859_1));
    assertRefused(
        file,
        "is not UTF-8 text: byte 0xE9 at line 2, column 15; save the file as UTF-8"
            + " (in most editors: Save As, Encoding UTF-8)");
  }

  @Test
  void utf16IsNamed() throws Exception {
    Path file = dir.resolve("utf16.json");
    Files.write(file, "\uFEFF{}".getBytes(StandardCharsets.UTF_16LE));
    assertRefused(file, "is UTF-16 text, not UTF-8; save the file as UTF-8");
  }
}
