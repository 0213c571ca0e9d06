package dev.wall.player.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Rect;
import dev.wall.player.display.VirtualDisplay;
import dev.wall.player.testing.ClusterRun;
import dev.wall.player.testing.NamespaceCluster;
import dev.wall.player.testing.TestCluster;
import dev.wall.player.testing.TestDisplay;
import dev.wall.player.testing.TestWall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wall doctor} and {@code wall play}'s own checks against the seven nodes of the {@link
 * TestCluster}, six of them broken one way each (until the class is done): a missing clip, a clip
 * with another checksum, the media share not mounted, no player, the wall's key refused, another
 * Open MPI.
 */
@Tag("smoke")
@ExtendWith(TestCluster.class)
class ClusterChecksIT {
  private static final int NODES = 7;
  private static final Map<Integer, Path> BROKEN = new java.util.TreeMap<>();
  @TempDir static Path dir;
  private static NamespaceCluster cluster;
  private static VirtualDisplay display;
  private static Path layout;
  private static Path media;

  @BeforeAll
  static void breakTheCluster(NamespaceCluster shared) throws Exception {
    cluster = shared;
    display = TestDisplay.shared();
    media = dir.resolve("media");
    Files.createDirectories(media);
    Map<String, Rect> windows = new TreeMap<>();
    Map<String, String> hosts = new LinkedHashMap<>();
    for (int i = 1; i <= NODES; i++) {
      windows.put("s" + i, new Rect(80 * (i - 1), 0, 80, 45));
      hosts.put("s" + i, cluster.node(i).hostname());
    }
    layout = TestWall.write(media, 1, 1, windows, hosts);

    breakNode(2, copyWithout(media, "s2.mp4"), media);
    Path changed = copyWithout(media, "none");
    byte[] clip = Files.readAllBytes(changed.resolve("s3.mp4"));
    clip[clip.length / 2] ^= 0x55;
    Files.write(changed.resolve("s3.mp4"), clip);
    Files.setLastModifiedTime(
        changed.resolve("s3.mp4"), FileTime.from(Instant.now().plusSeconds(86_400)));
    breakNode(3, changed, media);
    Path unmounted = Files.createDirectories(dir.resolve("unmounted"));
    Files.writeString(unmounted.resolve("NFS_NOT_MOUNTED"), "");
    breakNode(4, unmounted, media);
    Path noPlayer = Files.writeString(dir.resolve("not-mpv"), "");
    breakNode(5, noPlayer, Path.of("/usr/bin/mpv"));
    Path noKeys = Files.writeString(dir.resolve("no-keys"), "");
    breakNode(6, noKeys, cluster.authorizedKeys());
    Path otherMpi = dir.resolve("other-mpirun");
    Files.writeString(otherMpi, "#!/bin/sh\necho 'mpirun (Open MPI) 4.1.9'\n");
    Files.setPosixFilePermissions(otherMpi, PosixFilePermissions.fromString("rwxr-xr-x"));
    breakNode(7, otherMpi, Path.of("/usr/bin/mpirun").toRealPath());
  }

  /** Mends every node, for the cluster's next test. */
  @AfterAll
  static void mendTheCluster() throws Exception {
    for (Map.Entry<Integer, Path> broken : BROKEN.entrySet()) {
      cluster.node(broken.getKey()).unbind(broken.getValue());
    }
    BROKEN.clear();
  }

  /**
   * Mounts {@code source} over {@code target} in node {@code node} only, until the class is done.
   */
  private static void breakNode(int node, Path source, Path target) throws Exception {
    cluster.node(node).bind(source, target);
    BROKEN.put(node, target);
  }

  private static Path copyWithout(Path from, String left) throws Exception {
    Path to = Files.createDirectories(dir.resolve("media-without-" + left));
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".mp4")).toList()) {
        if (!f.getFileName().toString().equals(left)) {
          Files.copy(f, to.resolve(f.getFileName()));
          Files.setLastModifiedTime(to.resolve(f.getFileName()), Files.getLastModifiedTime(f));
        }
      }
    }
    return to;
  }

  @Test
  void doctorNamesEachNodesFaultInItsRowAndHowToFixIt(@TempDir Path run) throws Exception {
    try (ClusterRun doctor =
        ClusterRun.start(
            cluster, run, "doctor", layout.toString(), "--display", display.display())) {
      int code = doctor.await(Duration.ofSeconds(120));
      String out = doctor.out();
      System.out.println(out);
      assertEquals(1, code, doctor.both());
      Map<String, String> rows = new TreeMap<>();
      for (String line : out.lines().toList()) {
        if (line.matches("s\\d .*")) {
          rows.put(line.substring(0, 2), line);
        }
      }
      assertEquals(NODES, rows.size(), out);
      assertTrue(
          rows.get("s1").matches("s1 +\\S+ +ok +ok +ok +ok +mpv +x11 +ok +ok .*"),
          "node 1 is healthy: " + rows.get("s1"));
      assertCell(rows.get("s2"), 9, "missing");
      assertCell(rows.get("s3"), 9, "checksum");
      assertCell(rows.get("s4"), 8, "unmounted");
      assertCell(rows.get("s5"), 6, "none");
      assertTrue(rows.get("s6").contains("key refused"), rows.get("s6"));
      assertCell(rows.get("s7"), 4, "differ");
      assertCell(rows.get("s7"), 5, "mismatch");
      List<String> fixes = out.lines().filter(l -> l.startsWith("  s")).toList();
      assertTrue(
          fixes.stream()
              .anyMatch(f -> f.startsWith("  s2 on ") && f.contains("s2.mp4 does not exist there")),
          out);
      assertTrue(
          fixes.stream()
              .anyMatch(
                  f ->
                      f.startsWith("  s3 on ") && f.contains("differs from the controller's copy")),
          out);
      assertTrue(
          fixes.stream().anyMatch(f -> f.startsWith("  s4 on ") && f.contains("not mounted")), out);
      assertTrue(
          fixes.stream()
              .anyMatch(f -> f.startsWith("  s5 on ") && f.contains("player mpv is not installed")),
          out);
      assertTrue(
          fixes.stream()
              .anyMatch(f -> f.startsWith("  s6 on ") && f.contains("refused the wall's ssh key")),
          out);
      assertTrue(
          fixes.stream()
              .anyMatch(f -> f.startsWith("  s7 on ") && f.contains("Open MPI 4.1.9 there")),
          out);
      assertTrue(
          fixes.stream().noneMatch(f -> f.startsWith("  s1 on ")),
          "nothing to fix on node 1: " + out);
    }
  }

  @Test
  void playRefusesToStartNamingEveryFailingScreenWithExit2(@TempDir Path run) throws Exception {
    try (ClusterRun wall =
        ClusterRun.start(
            cluster,
            run,
            "play",
            layout.toString(),
            "--display",
            display.display(),
            "--run-dir",
            run.resolve("run").toString())) {
      int code = wall.await(Duration.ofSeconds(60));
      String err = wall.err();
      assertEquals(2, code, wall.both());
      assertTrue(
          err.contains("screen s2 on " + cluster.node(2).hostname() + ": ")
              && err.contains("s2.mp4 does not exist there"),
          err);
      assertTrue(
          err.contains(cluster.node(4).hostname() + " (screen s4): the media share is not mounted"),
          err);
      assertTrue(
          err.contains(cluster.node(6).hostname() + " (screen s6) refused the wall's ssh key"),
          err);
      assertTrue(
          err.contains(cluster.node(7).hostname() + " (screen s7): Open MPI 4.1.9 there, "), err);
      assertTrue(
          !err.contains("screen s1") && !err.contains("screen s3") && !err.contains("screen s5"),
          "only the quick checks: " + err);
      assertTrue(cluster.node(2).processesRunning("RankMain").isEmpty(), "nothing started");
    }
  }

  private static void assertCell(String row, int column, String word) {
    String[] cells = row.split(" {2,}");
    assertEquals(word, cells[column], "column " + column + " of " + row);
  }
}
