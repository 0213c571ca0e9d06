package dev.wall.player.cli.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.player.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to {@code wall media prepare}: one line, exit 2, nothing written. */
class PrepareCommandTest {
  @TempDir Path dir;

  private Path layout() throws Exception {
    Path layout = dir.resolve("hall.json");
    Files.writeString(
        layout,
        "{\"version\": 1, \"mediaRoot\": \""
            + dir
            + "\", \"wall\": {\"width\": 200, \"height\": 100},"
            + " \"span\": {\"media\": \"gone.mp4\"}, \"screens\": ["
            + "{\"name\": \"a\", \"host\": \"localhost\","
            + " \"region\": {\"x\": 0, \"y\": 0, \"width\": 100, \"height\": 100}}]}");
    return layout;
  }

  @Test
  void aMissingSourceIsOneLineNamingItsPlaceInTheLayout() throws Exception {
    Path layout = layout();
    Cli said = Cli.run("media", "prepare", layout, "--board", "localhost=pc");
    assertEquals(2, said.code(), said.out() + said.err());
    assertEquals(1, said.errLines().size(), said.err());
    assertTrue(said.err().startsWith("wall: " + layout + ": span.media: "), said.err());
    assertTrue(said.err().contains("gone.mp4"), said.err());
    assertFalse(Files.exists(dir.resolve("prepared")), "nothing written");
  }

  @Test
  void anUnknownBoardIsOneLine() throws Exception {
    Cli said = Cli.run("media", "prepare", layout(), "--board", "localhost=amiga");
    assertEquals(2, said.code(), said.err());
    assertEquals(
        "wall: --board: amiga is not a board wall knows; say pi4, pi5 or pc, or a Raspberry Pi's"
            + " model as /proc/device-tree/model gives it",
        said.err().strip());
  }

  @Test
  void aBoardForAHostNotInTheLayoutIsOneLine() throws Exception {
    Path layout = layout();
    Cli said = Cli.run("media", "prepare", layout, "--board", "rpi9=pi5");
    assertEquals(2, said.code(), said.err());
    assertEquals(
        "wall: --board rpi9=pi5: no screen of " + layout + " is on rpi9; its hosts are localhost",
        said.err().strip());
  }

  @Test
  void theLayoutsBoardIsTakenAndTheNodeIsNotAsked() throws Exception {
    // rpi9 does not exist: asked, it would fail with exit 1 before the source is looked at.
    Path layout = dir.resolve("far.json");
    Files.writeString(
        layout,
        Files.readString(layout())
            .replace("\"host\": \"localhost\"", "\"host\": \"rpi9\", \"board\": \"pi5\""));
    Cli said = Cli.run("media", "prepare", layout);
    assertEquals(2, said.code(), said.out() + said.err());
    assertTrue(said.err().startsWith("wall: " + layout + ": span.media: "), said.err());
    assertFalse(said.err().contains("could not ask"), said.err());
  }
}
