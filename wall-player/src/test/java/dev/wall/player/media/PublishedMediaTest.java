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
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code wall play} makes of a publish record: each node's cache, or the share and why. */
class PublishedMediaTest {
  private static final String CACHE = "/var/cache/wall/media";

  @TempDir Path root;
  private Layout layout;
  private Path record;

  @BeforeEach
  void publishTwoScreensOnTwoNodes() throws Exception {
    Files.writeString(root.resolve("left.mp4"), "the left clip");
    Files.writeString(root.resolve("right.mp4"), "the right clip");
    layout = layout(List.of("left.mp4", "right.mp4"), "n2");
    record = PublishRecord.defaultFile(root.resolve("hall.json"), layout);
    write(layout, true);
  }

  private Layout layout(List<String> media, String secondHost) {
    List<Screen> screens = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      screens.add(
          new Screen(
              "s" + i,
              i == 0 ? "n1" : secondHost,
              null,
              0,
              new Rect(i * 640, 0, 640, 360),
              new Rect(i * 640, 0, 640, 360),
              media == null ? (String) null : media.get(i),
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
        new Size(1280, 360),
        media == null ? new Span("pan.mp4") : null,
        screens);
  }

  /**
   * The record {@code wall publish} writes for {@code published}, each node's files verified or
   * not.
   */
  private void write(Layout published, boolean secondVerified) throws Exception {
    List<PublishRecord.Node> nodes = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Screen screen = published.screen(i);
      Path clip = published.clips(screen).get(0);
      nodes.add(
          new PublishRecord.Node(
              screen.host(),
              CACHE,
              i == 0 || secondVerified,
              Map.of(screen.name(), List.of(PublishPlan.cacheName(sha(clip), clip)))));
    }
    new PublishRecord(PublishRecord.VERSION, "hall.json", "2026-12-07T18:00:00Z", "sources", nodes)
        .write(record);
  }

  private PublishedMedia.Choice choose(Layout now) {
    return PublishedMedia.choose(now, record, "hall.json", Checksums.at(root.resolve("sums.tsv")));
  }

  @Test
  void aRecordThatHoldsPlaysEachScreenFromItsNodesCache() throws Exception {
    PublishedMedia.Choice choice = choose(layout);
    assertTrue(choice.used(), choice.line());
    assertEquals(
        "wall: playing from each node's cache (published 2026-12-07T18:00:00Z: 2 files on 2"
            + " nodes, in "
            + CACHE
            + "); the share is not read while it plays",
        choice.line());
    Layout played = choice.layout();
    assertEquals(
        List.of(Path.of(CACHE, sha(root.resolve("left.mp4")) + ".mp4")),
        played.clips(played.screen(0)));
    assertEquals(
        List.of(Path.of(CACHE, sha(root.resolve("right.mp4")) + ".mp4")),
        played.clips(played.screen(1)));
    assertEquals(played, PublishedMedia.assign(layout, choice.record()), "a rank maps the same");
  }

  @Test
  void aNodeNotVerifiedWhenPublishedNamesItAndTheSharePlays() throws Exception {
    write(layout, false);
    PublishedMedia.Choice choice = choose(layout);
    assertFalse(choice.used());
    assertEquals(layout, choice.layout());
    assertEquals(
        "wall: playing from the share, not the nodes' caches: not every clip of n2 was verified"
            + " there when it was published; run wall publish hall.json again",
        choice.line());
  }

  @Test
  void aClipChangedSincePublishingIsNamedAndTheSharePlays() throws Exception {
    Files.writeString(root.resolve("right.mp4"), "a new cut of the right clip");
    PublishedMedia.Choice choice = choose(layout);
    assertFalse(choice.used());
    assertEquals(layout, choice.layout());
    assertEquals(
        "wall: playing from the share, not the nodes' caches: "
            + root.resolve("right.mp4")
            + " (screen s1) is not the file that was published: it has changed since; run wall"
            + " publish hall.json again",
        choice.line());
  }

  @Test
  void aScreenNowOnAnotherHostIsNamed() {
    Layout moved = layout(List.of("left.mp4", "right.mp4"), "n3");
    PublishedMedia.Choice choice = choose(moved);
    assertFalse(choice.used());
    assertTrue(
        choice
            .line()
            .endsWith(
                "screen s1 is on n3 now, and was published to n2; run wall publish"
                    + " hall.json again"),
        choice.line());
  }

  @Test
  void aLayoutNeverPublishedSaysNothing() throws Exception {
    Files.delete(record);
    PublishedMedia.Choice choice = choose(layout);
    assertFalse(choice.used());
    assertNull(choice.line());
    assertEquals(layout, choice.layout());
  }

  @Test
  void aSpansScreensPlayTheCachedSpanStillCroppingTheirRegions() throws Exception {
    Files.writeString(root.resolve("pan.mp4"), "the span's bytes");
    Layout span = layout(null, "n2");
    write(span, true);
    PublishedMedia.Choice choice = choose(span);
    assertTrue(choice.used(), choice.line());
    Layout played = choice.layout();
    Path cached = Path.of(CACHE, sha(root.resolve("pan.mp4")) + ".mp4");
    for (Screen screen : played.screens()) {
      assertTrue(screen.showsSpan(), "still its region of the span");
      assertEquals(List.of(cached), played.clips(screen));
    }
    assertEquals(span.screens(), played.screens());
  }

  private static String sha(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
