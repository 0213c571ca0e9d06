package dev.wall.player.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.BoardKind;
import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import dev.wall.core.layout.Size;
import dev.wall.core.testing.Tools;
import dev.wall.player.nodes.Checksums;
import dev.wall.player.players.Board;
import dev.wall.player.testing.ClipCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preparation both {@code wall media prepare} and a running wall's reload use: whose board is
 * taken, what a reload prepares again with, and that a file a running wall plays outlives the
 * preparation that replaced it, until the next one.
 */
class MediaPreparationTest {
  @TempDir Path dir;

  /** Screens a and b on hosts ha and hb, each playing its own clip, b with no window. */
  private Layout layout(String boardOfB) throws Exception {
    Path file = dir.resolve("hall.json");
    Files.writeString(
        file,
        "{\"version\": 1, \"player\": \"mpv\", \"mediaRoot\": \""
            + dir
            + "\", \"screens\": ["
            + "{\"name\": \"a\", \"host\": \"ha\", \"window\": {\"x\": 0, \"y\": 0, \"width\":"
            + " 64, \"height\": 36}, \"media\": \"a.mp4\"},"
            + "{\"name\": \"b\", \"host\": \"hb\", "
            + (boardOfB == null ? "" : "\"board\": \"" + boardOfB + "\", ")
            + "\"media\": \"b.mp4\"}]}");
    return new LayoutReader().read(file);
  }

  @Test
  void givenBoardsWinOverTheLayoutsAndOnlyTheRestAreAsked() throws Exception {
    List<String> asked = new ArrayList<>();
    Map<String, Board> boards =
        MediaPreparation.boards(
            layout("pi5"),
            Map.of("hb", Board.of(BoardKind.PI4)),
            hosts -> {
              asked.addAll(hosts);
              return Map.of("ha", Board.of(BoardKind.PC));
            });
    assertEquals(List.of("ha"), asked, "hb's board was given");
    assertEquals(Board.of(BoardKind.PI4), boards.get("hb"), "the given board wins");

    asked.clear();
    boards =
        MediaPreparation.boards(
            layout("pi5"),
            Map.of(),
            hosts -> {
              asked.addAll(hosts);
              return Map.of("ha", Board.of(BoardKind.PC));
            });
    assertEquals(List.of("ha"), asked);
    assertEquals(Board.of(BoardKind.PI5), boards.get("hb"), "the layout's board");
  }

  @Test
  void aNodeThatCannotSayIsNamed() throws Exception {
    MediaPreparation.BoardUnknown unknown =
        assertThrows(
            MediaPreparation.BoardUnknown.class,
            () ->
                MediaPreparation.boards(
                    layout(null),
                    Map.of(),
                    hosts -> {
                      throw new MediaPreparation.BoardUnknown("ha: could not ask what board it is");
                    }));
    assertTrue(unknown.getMessage().startsWith("ha: "), unknown.getMessage());
  }

  @Test
  void aReloadPreparesWithTheBoardsAndScreenSizeTheLastPreparationWasTold() throws Exception {
    Tools.require(Tools.available("ffmpeg", "ffprobe"), "prepares with ffmpeg");
    ClipCache.into(dir, "a", 128, 72, 0.5, 40);
    ClipCache.into(dir, "b", 128, 72, 0.5, 140);
    Layout layout = layout(null);
    Path out = dir.resolve("prepared");
    MediaPreparation first =
        new MediaPreparation(
            Checksums.at(dir.resolve("sums.tsv")),
            hosts -> {
              throw new AssertionError("asked " + hosts + " with every board given");
            });
    MediaPreparation.Work work =
        first.plan(
            dir.resolve("hall.json"),
            layout,
            out,
            Map.of("ha", Board.of(BoardKind.PC), "hb", Board.of(BoardKind.PI5)),
            new Size(96, 54));
    first.encode(work, 2, Set.of(), MediaPreparation.counting(2, line -> {}));
    Manifest made = Manifest.read(out).orElseThrow();
    assertEquals("96x54", made.screenSize());
    assertEquals(Board.of(BoardKind.PI5).model(), made.boards().get("hb"));

    // Nothing given now, and no node to ask: the manifest says what the last run was told.
    MediaPreparation.Work again = first.again(dir.resolve("hall.json"), layout, out);
    TileJob b = again.jobs().stream().filter(j -> j.screen().equals("b")).findFirst().get();
    assertEquals(VideoCodec.HEVC, b.codec(), "b's node is a Pi 5, as it was told: " + b);
    assertEquals(96, b.width(), "b has no window: the size it was told, 96x54: " + b);
    TileJob a = again.jobs().stream().filter(j -> j.screen().equals("a")).findFirst().get();
    assertEquals(64, a.width(), "a's window: " + a);
    List<String> lines = new ArrayList<>();
    MediaPreparer.Result nothing =
        first.encode(again, 2, Set.of(), MediaPreparation.counting(2, lines::add));
    assertEquals(0, nothing.encoded(), "nothing changed, nothing encoded");
    assertEquals("2 of 2 files ready, 0 encoded", lines.get(lines.size() - 1));
  }

  @Test
  void aFileTheRunningWallPlaysStaysUntilTheNextPreparation() throws Exception {
    Tools.require(Tools.available("ffmpeg", "ffprobe"), "prepares with ffmpeg");
    ClipCache.into(dir, "a", 64, 36, 0.5, 40);
    ClipCache.into(dir, "b", 64, 36, 0.5, 140);
    Path file = dir.resolve("hall.json");
    Path out = dir.resolve("prepared");
    MediaPreparation preparation =
        new MediaPreparation(
            Checksums.at(dir.resolve("sums.tsv")),
            hosts -> {
              Map<String, Board> pcs = new java.util.LinkedHashMap<>();
              hosts.forEach(h -> pcs.put(h, Board.of(BoardKind.PC)));
              return pcs;
            });
    Layout first = layout(null);
    preparation.encode(
        preparation.plan(file, first, out, Map.of(), MediaPreparation.FULL_SCREEN),
        1,
        Set.of(),
        MediaPreparation.counting(2, line -> {}));
    String played = Manifest.read(out).orElseThrow().entry("a", 0).orElseThrow().file();
    Layout playing = PreparedMedia.assign(first, out);
    assertEquals(Set.of(played, fileOf(out, "b")), MediaPreparation.playedFrom(playing, out));

    // a's clip changes while the wall plays a's prepared file.
    Files.delete(dir.resolve("a.mp4"));
    ClipCache.copy(ClipCache.barCoded("a", 64, 36, 0.5, 30, 200, 5000), dir, "a.mp4");
    MediaPreparer.Result result =
        preparation.encode(
            preparation.again(file, first, out),
            1,
            MediaPreparation.playedFrom(playing, out),
            MediaPreparation.counting(2, line -> {}));
    assertEquals(1, result.encoded());
    Manifest replaced = Manifest.read(out).orElseThrow();
    assertFalse(replaced.entry("a", 0).orElseThrow().file().equals(played));
    assertTrue(Files.isRegularFile(out.resolve(played)), "the file the wall plays is still there");
    assertEquals(List.of(played), replaced.retired());

    // The next preparation, with that wall on the new file: the old one goes.
    preparation.encode(
        preparation.again(file, first, out), 1, Set.of(), MediaPreparation.counting(2, line -> {}));
    assertFalse(Files.exists(out.resolve(played)), "removed by the next preparation");
    assertEquals(List.of(), Manifest.read(out).orElseThrow().retired());
  }

  private static String fileOf(Path out, String screen) throws Exception {
    return Manifest.read(out).orElseThrow().entry(screen, 0).orElseThrow().file();
  }
}
