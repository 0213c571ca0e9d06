package dev.wall.player.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.player.nodes.Ssh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node's side of the cache (its script, run here with sh and sha256sum, as on a node). */
class NodeCacheTest {
  @TempDir Path dir;

  private NodeCache cache(Path folder) {
    return new NodeCache("localhost", true, new Ssh(null), List.of(), folder);
  }

  private static String sha(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void aFileArrivesVerifiedAndIsFoundWholeAfterwards() throws Exception {
    byte[] clip = "a clip".repeat(1000).getBytes();
    Path source = Files.write(dir.resolve("clip.mp4"), clip);
    String sha = sha(clip);
    String name = sha + ".mp4";
    Path folder = dir.resolve("var/cache/wall/media");
    NodeCache cache = cache(folder);
    assertEquals(Set.of(), cache.inventory(List.of(name)).sums().keySet(), "made, and empty");
    cache.receive(source, name, sha);
    assertTrue(Files.isRegularFile(folder.resolve(name)));
    assertEquals(sha, cache.inventory(List.of(name)).sums().get(name));
    try (var left = Files.list(folder)) {
      assertEquals(List.of(folder.resolve(name)), left.toList(), "no temporary file left");
    }
  }

  @Test
  void aFileThatArrivesWithAnotherDigestIsDeletedAndNotPutInPlace() throws Exception {
    Path source = Files.write(dir.resolve("clip.mp4"), "changed meanwhile".getBytes());
    String claimed = "0".repeat(64);
    NodeCache cache = cache(dir.resolve("cache"));
    cache.inventory(List.of());
    NodeCache.Failed failed =
        assertThrows(
            NodeCache.Failed.class, () -> cache.receive(source, claimed + ".mp4", claimed));
    assertTrue(failed.getMessage().contains("did not arrive whole"), failed.getMessage());
    try (var left = Files.list(dir.resolve("cache"))) {
      assertEquals(0, left.count());
    }
  }

  @Test
  void aLinkedCacheFolderIsRefusedAndLinksInsideAreNeverFollowed() throws Exception {
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Path victim = Files.writeString(elsewhere.resolve("keep.txt"), "mine");
    Files.createSymbolicLink(dir.resolve("linked"), elsewhere);
    NodeCache.Failed refused =
        assertThrows(
            NodeCache.Failed.class, () -> cache(dir.resolve("linked")).inventory(List.of()));
    assertTrue(refused.getMessage().contains("symbolic link"), refused.getMessage());

    Path folder = Files.createDirectories(dir.resolve("cache"));
    String name = "e".repeat(64) + ".mp4";
    Files.createSymbolicLink(folder.resolve(name), victim);
    NodeCache cache = cache(folder);
    NodeCache.Inventory inventory = cache.inventory(List.of(name));
    assertFalse(inventory.sums().containsKey(name), "a link is not a file of the cache");
    assertEquals(List.of(), cache.finish(List.of(name), List.of(name)));
    assertTrue(Files.isSymbolicLink(folder.resolve(name)));
    assertEquals("mine", Files.readString(victim));
  }

  @Test
  void finishRemovesOnlyTheNamedFiles() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("cache"));
    String old = "1".repeat(64) + ".mp4";
    String kept = "2".repeat(64) + ".mp4";
    Files.writeString(folder.resolve(old), "old");
    Files.writeString(folder.resolve(kept), "kept");
    NodeCache cache = cache(folder);
    assertEquals(List.of(old), cache.finish(List.of(kept), List.of(old)));
    assertTrue(Files.exists(folder.resolve(kept)));
    assertFalse(Files.exists(folder.resolve(old)));
    assertThrows(
        IllegalArgumentException.class, () -> cache.finish(List.of(), List.of("../" + kept)));
  }
}
