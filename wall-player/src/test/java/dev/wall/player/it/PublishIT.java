package dev.wall.player.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Rect;
import dev.wall.player.testing.ClusterRun;
import dev.wall.player.testing.NamespaceCluster;
import dev.wall.player.testing.TestCluster;
import dev.wall.player.testing.TestWall;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wall publish} on three nodes of the {@link TestCluster}, the controller on node 1 (so its
 * own node is copied to locally, the others over the wall's ssh). The nodes share this machine's
 * files, so each gets a cache folder of its own, bound over one path in its own mount namespace, as
 * a node's {@code /var/cache/wall/media} is its own disk. Each file is checked on its node, by its
 * digest.
 */
@ExtendWith(TestCluster.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublishIT {
  private static final int NODES = 3;
  private static final Duration DEADLINE = Duration.ofSeconds(120);
  @TempDir static Path dir;
  private static NamespaceCluster cluster;
  private static Path layout;
  private static Path cache;
  private static final Map<Integer, Path> BACKING = new TreeMap<>();
  private static final Map<Integer, String> NAMES = new TreeMap<>();

  @BeforeAll
  static void giveEachNodeItsOwnCache(NamespaceCluster shared) throws Exception {
    cluster = shared;
    Path media = Files.createDirectories(dir.resolve("media"));
    Map<String, Rect> windows = new TreeMap<>();
    Map<String, String> hosts = new LinkedHashMap<>();
    for (int i = 1; i <= NODES; i++) {
      windows.put("s" + i, new Rect(80 * (i - 1), 0, 80, 45));
      hosts.put("s" + i, cluster.node(i).hostname());
    }
    layout = TestWall.write(media, 1, 1, windows, hosts);
    cache = Files.createDirectories(dir.resolve("cache/wall/media"));
    for (int i = 1; i <= NODES; i++) {
      Path own = Files.createDirectories(dir.resolve("node" + i + "-cache"));
      cluster.node(i).bind(own, cache);
      BACKING.put(i, own);
      NAMES.put(i, sha256(Files.readAllBytes(media.resolve("s" + i + ".mp4"))) + ".mp4");
    }
  }

  @AfterAll
  static void unbind() throws Exception {
    for (int i : BACKING.keySet()) {
      cluster.node(i).unbind(cache);
    }
  }

  @Test
  @Order(1)
  void everyNodesCacheHoldsItsClipVerifiedThere() throws Exception {
    String out = publish(0);
    for (int i = 1; i <= NODES; i++) {
      assertTrue(
          out.contains(cluster.node(i).hostname() + ": sent 1, already there 0, failed 0 ("), out);
      assertEquals(
          NAMES.get(i).substring(0, 64),
          sumOnNode(i, cache.resolve(NAMES.get(i))),
          "node " + i + " holds s" + i + "'s clip whole");
      try (Stream<Path> files = Files.list(BACKING.get(i))) {
        assertEquals(
            List.of(NAMES.get(i)),
            files.map(p -> p.getFileName().toString()).toList(),
            "only its own clip, no temporary file, on node " + i);
      }
    }
    assertTrue(
        out.contains(
            cluster.node(1).hostname() + ": sent 1, already there 0, failed 0 (local copy)"),
        out);
    assertTrue(
        out.contains(cluster.node(2).hostname() + ": sent 1, already there 0, failed 0 (rsync)"),
        out);
    Path record = dir.resolve("media/published/wall.json");
    String recorded = Files.readString(record);
    for (int i = 1; i <= NODES; i++) {
      assertTrue(recorded.contains(NAMES.get(i)), recorded);
    }
    assertFalse(recorded.contains("\"verified\" : false"), recorded);
  }

  @Test
  @Order(2)
  void aSecondPublishSendsNothing() throws Exception {
    Map<Integer, FileTime> before = new TreeMap<>();
    for (int i = 1; i <= NODES; i++) {
      before.put(i, Files.getLastModifiedTime(BACKING.get(i).resolve(NAMES.get(i))));
    }
    String out = publish(0);
    for (int i = 1; i <= NODES; i++) {
      assertTrue(
          out.contains(cluster.node(i).hostname() + ": sent 0, already there 1, failed 0"), out);
      assertFalse(
          Files.getLastModifiedTime(BACKING.get(i).resolve(NAMES.get(i))).compareTo(before.get(i))
              < 0,
          "marked as used, not older");
    }
  }

  @Test
  @Order(3)
  void aFileDamagedOnOneNodeIsFoundAndSentAgainOverPlainSsh() throws Exception {
    Path damaged = BACKING.get(2).resolve(NAMES.get(2));
    try (RandomAccessFile file = new RandomAccessFile(damaged.toFile(), "rw")) {
      file.seek(file.length() / 2);
      file.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    }
    assertFalse(NAMES.get(2).startsWith(sumOnNode(2, cache.resolve(NAMES.get(2)))));
    // An old file no layout needs, on node 3: with a small limit it goes; the needed one stays.
    String stale = "f".repeat(64) + ".mp4";
    Files.writeString(BACKING.get(3).resolve(stale), "an old show");
    Files.setLastModifiedTime(
        BACKING.get(3).resolve(stale), FileTime.from(Instant.now().minusSeconds(30 * 86_400)));

    String out = publish(0, "--transport", "ssh", "--keep", "1KiB");
    assertTrue(
        out.contains(
            cluster.node(2).hostname()
                + ": sent 1 (1 of them damaged there: replaced), already there 0, failed 0 (ssh)"),
        out);
    assertTrue(
        out.contains(cluster.node(1).hostname() + ": sent 0, already there 1, failed 0"), out);
    assertTrue(
        out.contains(
            cluster.node(3).hostname()
                + ": sent 0, already there 1, failed 0 (ssh); removed 1 old file (11 B)"),
        out);
    assertEquals(NAMES.get(2).substring(0, 64), sumOnNode(2, cache.resolve(NAMES.get(2))));
    assertFalse(Files.exists(BACKING.get(3).resolve(stale)));
    assertTrue(Files.exists(BACKING.get(3).resolve(NAMES.get(3))), "needed: kept over the limit");
  }

  @Test
  @Order(4)
  void aNodeThatRefusesTheKeyIsNamedWithItsScreenAndWhatToDoAndTheOthersStillGetTheirs()
      throws Exception {
    Path noKeys = Files.writeString(dir.resolve("no-keys"), "");
    cluster.node(3).bind(noKeys, cluster.authorizedKeys());
    String out;
    try {
      out = publish(3);
    } finally {
      cluster.node(3).unbind(cluster.authorizedKeys());
    }
    String node3 = cluster.node(3).hostname();
    assertTrue(out.contains(node3 + ": sent 0, already there 0, failed 1: key refused"), out);
    assertTrue(
        out.contains("  s3 on " + node3 + ": ")
            && out.contains("check the node with wall doctor, then run wall publish again"),
        out);
    assertTrue(
        out.contains(cluster.node(2).hostname() + ": sent 0, already there 1, failed 0"), out);
    assertTrue(out.contains("not every node holds its clips"), out);
  }

  private static String publish(int expected, String... more) throws Exception {
    List<String> args =
        Stream.concat(
                Stream.of("publish", layout.toString(), "--cache", cache.toString()),
                Stream.of(more))
            .toList();
    try (ClusterRun run = ClusterRun.start(cluster, dir, args.toArray(String[]::new))) {
      int code = run.await(DEADLINE);
      System.out.println(run.both());
      assertEquals(expected, code, run.both());
      return run.out();
    }
  }

  /** sha256sum of {@code file}, run inside node {@code i}. */
  private static String sumOnNode(int i, Path file) throws Exception {
    Process p =
        new ProcessBuilder(cluster.node(i).exec("sha256sum", file.toString()))
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        throw new AssertionError("sha256sum on node " + i + " did not finish within 30 s");
      }
      String said = new String(p.getInputStream().readAllBytes()).strip();
      assertEquals(0, p.exitValue(), said);
      return said.split(" ")[0];
    } finally {
      p.destroyForcibly();
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
