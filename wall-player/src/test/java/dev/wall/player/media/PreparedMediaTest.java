package dev.wall.player.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Audio;
import dev.wall.core.layout.Layout;
import dev.wall.core.layout.PlayerKind;
import dev.wall.core.layout.Rect;
import dev.wall.core.layout.Screen;
import dev.wall.core.layout.Size;
import dev.wall.core.layout.Span;
import dev.wall.player.nodes.Checksums;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code wall play} makes of a manifest: the prepared files, or the sources and why. */
class PreparedMediaTest {
  @TempDir Path root;
  private Path dir;
  private Layout layout;

  @BeforeEach
  void prepareTwoScreensOfASpan() throws Exception {
    Files.writeString(root.resolve("pan.mp4"), "the span's bytes");
    layout = layout(0);
    dir = PreparedMedia.defaultDir(root.resolve("hall.json"), layout);
    Files.createDirectories(dir);
    List<Manifest.Entry> entries = new ArrayList<>();
    for (int rank = 0; rank < 2; rank++) {
      String file = "s" + rank + "-1-abc.mp4";
      Files.writeString(dir.resolve(file), "prepared " + rank);
      entries.add(
          new Manifest.Entry(
              "s" + rank,
              0,
              "pan.mp4",
              sha(root.resolve("pan.mp4")),
              TilePlanner.shape(layout, rank, 0),
              "settings",
              "key",
              file,
              sha(dir.resolve(file)),
              "h264",
              640,
              360,
              "30",
              120,
              false));
    }
    new Manifest(Manifest.VERSION, "hall.json", "2026-12-07T15:00:00Z", entries).write(dir);
  }

  private Layout layout(int shift) {
    List<Screen> screens = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      screens.add(
          new Screen(
              "s" + i,
              "localhost",
              null,
              0,
              new Rect(i * 640, 0, 640, 360),
              new Rect(i * 660 + shift, 0, 640, 360),
              (String) null,
              Audio.NONE,
              List.of()));
    }
    return Layout.of(
        1,
        "hall",
        1,
        PlayerKind.MPV,
        root.toString(),
        null,
        null,
        null,
        new Size(1300, 360),
        new Span("pan.mp4"),
        screens);
  }

  private PreparedMedia.Choice choose(Layout now) {
    return PreparedMedia.choose(now, dir, "hall.json", Checksums.at(root.resolve("sums.tsv")));
  }

  @Test
  void aManifestThatHoldsPlaysEachScreensPreparedFileUncropped() {
    PreparedMedia.Choice choice = choose(layout);
    assertTrue(choice.used(), choice.line());
    assertTrue(
        choice.line().startsWith("wall: playing the clips prepared for each screen (2 files"));
    Layout played = choice.layout();
    assertEquals(List.of(dir.resolve("s1-1-abc.mp4")), played.clips(played.screen(1)));
    assertFalse(played.screen(1).showsSpan(), "a prepared file is played whole, not cropped");
  }

  @Test
  void aRankMapsTheScreensToTheSameFilesWithoutCheckingAgain() throws Exception {
    assertEquals(choose(layout).layout(), PreparedMedia.assign(layout, dir));
  }

  @Test
  void aChangedSourceIsNamedAndTheSourcesPlay() throws Exception {
    Files.writeString(root.resolve("pan.mp4"), "a new cut of the span");
    PreparedMedia.Choice choice = choose(layout);
    assertFalse(choice.used());
    assertEquals(
        "wall: playing the sources, not the prepared clips: pan.mp4 has changed since it was"
            + " prepared; run wall media prepare hall.json to prepare it again",
        choice.line());
    assertTrue(choice.layout().screen(0).showsSpan());
  }

  @Test
  void aScreenMovedInTheLayoutIsNamed() {
    PreparedMedia.Choice choice = choose(layout(10));
    assertFalse(choice.used());
    assertTrue(choice.line().contains("screen s0 has changed in the layout"), choice.line());
  }

  @Test
  void aPreparedFileNotAsItWasMadeIsNamed() throws Exception {
    Files.writeString(dir.resolve("s1-1-abc.mp4"), "half a file");
    PreparedMedia.Choice choice = choose(layout);
    assertFalse(choice.used());
    assertTrue(
        choice.line().contains("s1-1-abc.mp4 is missing or not as it was made"), choice.line());
  }

  @Test
  void withoutAManifestNothingIsSaid() throws Exception {
    Files.delete(dir.resolve(Manifest.FILE_NAME));
    PreparedMedia.Choice choice = choose(layout);
    assertFalse(choice.used());
    assertNull(choice.line());
  }

  private static String sha(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
