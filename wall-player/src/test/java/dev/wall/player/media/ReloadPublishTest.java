package dev.wall.player.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import dev.wall.player.nodes.Checksums;
import dev.wall.player.nodes.Ssh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload's publish, on this machine's own cache (the node's script run here with sh and
 * sha256sum, as on a node): the changed clip sent and verified, the record written again, and the
 * files the running wall plays kept however small the limit.
 */
class ReloadPublishTest {
  @TempDir Path root;
  private Path cache;
  private Path layoutFile;
  private Path recordFile;
  private Layout playing;

  private ReloadPublish publisher() {
    return new ReloadPublish(
        (host, dir) -> new NodeCache(host, true, new Ssh(null), List.of(), dir),
        Optional.empty(),
        Checksums.at(root.resolve("sums.tsv")));
  }

  private Layout layout(String left, String right) throws Exception {
    Files.writeString(
        layoutFile,
        "{\"version\": 1, \"player\": \"mpv\", \"mediaRoot\": \""
            + root
            + "\", \"screens\": [{\"name\": \"left\", \"host\": \"localhost\", \"window\":"
            + " {\"x\": 0, \"y\": 0, \"width\": 320, \"height\": 180}, \"media\": \""
            + left
            + "\"}, {\"name\": \"right\", \"host\": \"localhost\", \"window\":"
            + " {\"x\": 320, \"y\": 0, \"width\": 320, \"height\": 180}, \"media\": \""
            + right
            + "\"}]}");
    return new LayoutReader().read(layoutFile);
  }

  /** The wall as published with a 1-byte limit, and as it plays: from the cache. */
  @BeforeEach
  void published() throws Exception {
    cache = root.resolve("cache/wall/media");
    layoutFile = root.resolve("hall.json");
    Files.writeString(root.resolve("left.mp4"), "the left clip");
    Files.writeString(root.resolve("right.mp4"), "the right clip");
    Files.writeString(root.resolve("left2.mp4"), "the new left clip");
    Layout onShare = layout("left.mp4", "right.mp4");
    recordFile = PublishRecord.defaultFile(layoutFile, onShare);
    PublishPlan.Plan plan =
        PublishPlan.plan(onShare, Checksums.at(root.resolve("sums.tsv"))::sha256);
    Map<String, Publisher.NodeReport> reports =
        new Publisher(
                host -> new NodeCache(host, true, new Ssh(null), List.of(), cache),
                Publisher.Transport.AUTO,
                Optional.empty(),
                1)
            .publish(plan);
    PublishRecord.of(layoutFile.toString(), onShare, plan, reports, "sources", 1).write(recordFile);
    playing = PublishedMedia.assign(onShare, PublishRecord.read(recordFile).orElseThrow());
    assertEquals(2, names().size(), "both published: " + names());
  }

  @Test
  void theChangedClipIsSentAndRecordedAndWhatPlaysStaysUnderTheLimit() throws Exception {
    Layout next = layout("left2.mp4", "right.mp4");

    ReloadPublish.Outcome outcome =
        publisher().publish(playing, next, recordFile, layoutFile.toString(), "sources");

    assertEquals(List.of(), outcome.failures());
    assertEquals(1, outcome.sent(), "only the new clip travels");
    assertEquals(2, outcome.files());
    List<String> cached = names();
    // Over the 1-byte limit, yet the running wall's left.mp4 stays: it plays until the seam.
    assertEquals(3, cached.size(), "new, kept and playing: " + cached);
    for (Path clip : playing.screens().stream().flatMap(s -> playing.clips(s).stream()).toList()) {
      assertTrue(Files.isRegularFile(clip), clip + " still there");
    }
    PublishRecord record = PublishRecord.read(recordFile).orElseThrow();
    assertEquals(1, record.keep(), "the limit kept to");
    Layout now =
        PublishedMedia.choose(
                next, recordFile, layoutFile.toString(), Checksums.at(root.resolve("sums.tsv")))
            .layout();
    assertTrue(
        now.clips(now.screen(0)).get(0).startsWith(cache), "the new layout plays from the cache");
    assertTrue(Files.isRegularFile(now.clips(now.screen(0)).get(0)));

    // The next publish, the wall now playing left2: the old left.mp4 goes, left2 stays.
    Layout playingNext = PublishedMedia.assign(next, record);
    ReloadPublish.Outcome again =
        publisher().publish(playingNext, next, recordFile, layoutFile.toString(), "sources");
    assertEquals(0, again.sent());
    assertEquals(2, names().size(), "the file nothing plays went: " + names());
  }

  @Test
  void aFileThatCannotBePutInItsCacheIsNamedWithItsScreenAndHost() throws Exception {
    Layout next = layout("left2.mp4", "right.mp4");
    String sha = Checksums.at(root.resolve("sums.tsv")).sha256(root.resolve("left2.mp4"));
    // Something in the node's cache in the way of the file's arrival.
    Files.createDirectories(cache.resolve(NodeCache.incoming(sha + ".mp4")).resolve("x"));

    ReloadPublish.Outcome outcome =
        publisher().publish(playing, next, recordFile, layoutFile.toString(), "sources");

    assertFalse(outcome.ok());
    assertEquals(1, outcome.failures().size(), outcome.failures().toString());
    assertTrue(
        outcome
            .failures()
            .get(0)
            .startsWith(
                "screen left on localhost: "
                    + root.resolve("left2.mp4")
                    + " was not put in its cache "
                    + cache
                    + ": "),
        outcome.failures().get(0));
    assertFalse(
        PublishRecord.read(recordFile).orElseThrow().nodes().get(0).verified(),
        "the record says so");
  }

  private List<String> names() throws Exception {
    try (var files = Files.list(cache)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> PublishPlan.CACHE_NAME.matcher(n).matches())
          .sorted()
          .toList();
    }
  }
}
