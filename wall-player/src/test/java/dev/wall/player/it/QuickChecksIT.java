package dev.wall.player.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wall play}'s checks before a start answer without starting Java on the other nodes: on
 * nodes 2 to 4 of the {@link TestCluster} the java binary is replaced by one that only leaves a
 * mark and fails, and the checks still name each node's fault (a clip missing, the share not
 * mounted) and pass the healthy node, leaving no mark.
 */
@ExtendWith(TestCluster.class)
class QuickChecksIT {
  private static final int NODES = 4;
  @TempDir Path dir;
  private final List<Map.Entry<Integer, Path>> bound = new ArrayList<>();
  private NamespaceCluster cluster;

  @AfterEach
  void mend() throws Exception {
    for (Map.Entry<Integer, Path> b : bound) {
      cluster.node(b.getKey()).unbind(b.getValue());
    }
    bound.clear();
  }

  private void bind(int node, Path source, Path target) throws Exception {
    cluster.node(node).bind(source, target);
    bound.add(Map.entry(node, target));
  }

  @Test
  void theChecksStartNoJavaOnTheNodesAndStillNameEachFault(NamespaceCluster shared)
      throws Exception {
    cluster = shared;
    VirtualDisplay display = TestDisplay.shared();
    Path media = Files.createDirectories(dir.resolve("media"));
    Map<String, Rect> windows = new TreeMap<>();
    Map<String, String> hosts = new LinkedHashMap<>();
    for (int i = 1; i <= NODES; i++) {
      windows.put("s" + i, new Rect(80 * (i - 1), 0, 80, 45));
      hosts.put("s" + i, cluster.node(i).hostname());
    }
    Path layout = TestWall.write(media, 1, 1, windows, hosts);

    Path mark = dir.resolve("java-ran");
    Path fakeJava = dir.resolve("java");
    Files.writeString(fakeJava, "#!/bin/sh\necho \"$@\" >> '" + mark + "'\nexit 1\n");
    Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path java = Path.of("/usr/bin/java").toRealPath();
    for (int node = 2; node <= NODES; node++) {
      bind(node, fakeJava, java);
    }
    Path without = Files.createDirectories(dir.resolve("media-without-s3"));
    try (Stream<Path> files = Files.list(media)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".mp4")).toList()) {
        if (!f.getFileName().toString().equals("s3.mp4")) {
          Files.copy(f, without.resolve(f.getFileName()));
        }
      }
    }
    bind(3, without, media);
    Path unmounted = Files.createDirectories(dir.resolve("unmounted"));
    Files.writeString(unmounted.resolve("NFS_NOT_MOUNTED"), "");
    bind(4, unmounted, media);

    try (ClusterRun wall =
        ClusterRun.start(
            cluster,
            dir,
            "play",
            layout.toString(),
            "--display",
            display.display(),
            "--run-dir",
            dir.resolve("run").toString())) {
      int code = wall.await(Duration.ofSeconds(60));
      String err = wall.err();
      assertEquals(2, code, wall.both());
      assertTrue(
          err.contains("screen s3 on " + cluster.node(3).hostname() + ": ")
              && err.contains("s3.mp4 does not exist there"),
          err);
      assertTrue(
          err.contains(cluster.node(4).hostname() + " (screen s4): the media share is not mounted"),
          err);
      assertFalse(err.contains("screen s2"), "node 2 passes without its Java: " + err);
      assertFalse(Files.exists(mark), "Java was started on a node: " + readMark(mark));
    }
  }

  private static String readMark(Path mark) throws Exception {
    return Files.exists(mark) ? Files.readString(mark) : "";
  }
}
