package dev.wall.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Rect;
import dev.wall.player.display.VirtualDisplay;
import dev.wall.player.testing.Arm64Root;
import dev.wall.player.testing.ClusterRun;
import dev.wall.player.testing.NamespaceCluster;
import dev.wall.player.testing.TestDisplay;
import dev.wall.player.testing.TestWall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package on a Pi's Debian: installed by apt-get in a Debian bookworm arm64 root (qemu-user),
 * where every dependency is Debian arm64's own; {@code wall --version} there names the same Open
 * MPI and mpi.jar as on this machine; {@code wall doctor} from an x86-64 controller shows that node
 * (its model and its decoder); and the checks before a start tell a node without the wall from a
 * node of another architecture, which is fine.
 */
@Tag("slow")
class Arm64PackageIT {
  @TempDir static Path dir;
  private static Arm64Wall wall;
  private static NamespaceCluster cluster;
  private static VirtualDisplay display;

  @BeforeAll
  static void start() throws Exception {
    wall = Arm64Wall.shared();
    display = TestDisplay.shared();
    cluster = wall.cluster(dir.resolve("cluster"), 1, List.of(dir));
    cluster.node(2).model("Raspberry Pi 4 Model B Rev 1.5");
  }

  /** Runs even when {@link #start} failed half way; the shared display stays for the next test. */
  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aptGetInstallsThePackageFromDebianArm64AloneAndWallVersionNamesTheSameOpenMpiAndMpiJar()
      throws Exception {
    assertTrue(
        wall.installOutput().contains("Need to get 0 B/"),
        "nothing downloaded:\n" + wall.installOutput());
    assertTrue(
        wall.installOutput().contains("0 upgraded, 1 newly installed, 0 to remove"),
        wall.installOutput());
    assertTrue(wall.installOutput().contains("Setting up wall "), wall.installOutput());
    String depends = Sh.run("dpkg-deb", "-f", wall.deb().toString(), "Depends").out();
    java.util.Set<String> packages = new java.util.TreeSet<>();
    for (String dependency : depends.replace("Depends:", "").split(",")) {
      packages.add(dependency.split("\\|")[0].strip().split("[\\s(]")[0]);
    }
    List<String> query =
        new ArrayList<>(
            List.of("dpkg-query", "-W", "-f", "${Package} ${Architecture} ${Status}\\n"));
    query.addAll(packages);
    Arm64Root.Result installed = wall.root().run(List.of(), query, Duration.ofMinutes(2));
    assertEquals(0, installed.code(), installed.output());
    for (String line : installed.output().strip().lines().toList()) {
      assertTrue(
          line.matches("\\S+ (arm64|all) install ok installed"), "a Debian arm64 package: " + line);
    }
    assertEquals(packages.size(), installed.output().strip().lines().count(), installed.output());

    long started = System.nanoTime();
    Arm64Root.Result arm64 =
        wall.root()
            .run(List.of(), List.of("/opt/wall/bin/wall", "--version"), Duration.ofMinutes(3));
    double seconds = (System.nanoTime() - started) / 1e9;
    Sh.Result x86 = Sh.run(wall.x86Opt().resolve("wall/bin/wall").toString(), "--version");
    assertEquals(0, arm64.code(), arm64.output());
    assertEquals(0, x86.code(), x86.all());
    System.out.printf(Locale.ROOT, "arm64: wall --version in %.1f s:%n%s", seconds, arm64.output());
    List<String> there = arm64.output().lines().toList();
    List<String> here = x86.out().lines().toList();
    assertEquals(here.get(0), there.get(0), "the same wall");
    assertTrue(there.get(1).matches("Open MPI 4\\.1\\.\\d+, mpi\\.jar 4\\.1\\.\\d+"), there.get(1));
    assertEquals(here.get(1), there.get(1), "the same Open MPI and mpi.jar on both architectures");
  }

  @Test
  void wallDoctorFromThePcControllerShowsThePiNodesModelArchitectureAndDecoder(@TempDir Path run)
      throws Exception {
    Path layout = layout(run);
    try (ClusterRun doctor =
        Arm64Wall.controller(
            cluster, run, "doctor", layout.toString(), "--display", display.display())) {
      int code = doctor.await(Duration.ofMinutes(4));
      String out = doctor.out();
      String both = doctor.both();
      System.out.println("wall doctor, a PC controller and an arm64 node:\n" + out);
      String row =
          out.lines()
              .filter(l -> l.startsWith("s2 "))
              .findFirst()
              .orElseThrow(() -> new AssertionError(both));
      assertTrue(row.contains("Raspberry Pi 4 Model B Rev 1.5, aarch64"), row);
      assertTrue(
          row.contains(" v4l2m2m-copy "),
          "a Pi 4 on bookworm decodes this H.264 clip in its block: " + row);
      assertTrue(
          out.lines()
              .filter(l -> l.startsWith("s1 "))
              .findFirst()
              .orElseThrow()
              .contains("mpv's default"),
          out);
      assertEquals(0, code, doctor.both());
    }
  }

  @Test
  void theChecksBeforeAStartTellANodeWithoutTheWallFromANodeOfAnotherArchitecture(@TempDir Path run)
      throws Exception {
    Path layout = layout(run);
    NamespaceCluster.Node pi = cluster.node(2);
    Sh.Result hidden = Sh.run(pi.exec("mount", "--bind", "/mnt", "/opt").toArray(String[]::new));
    assertEquals(0, hidden.code(), hidden.all());
    try (ClusterRun play =
        Arm64Wall.controller(
            cluster,
            run,
            "play",
            layout.toString(),
            "--display",
            display.display(),
            "--run-dir",
            run.resolve("run").toString())) {
      int code = play.await(Duration.ofMinutes(3));
      String said = play.err().strip();
      System.out.println("no wall on the arm64 node: exit " + code + ": " + said);
      assertEquals(2, code, play.both());
      assertEquals(
          "wall: "
              + pi.hostname()
              + " (screen s2) has no wall at /opt/wall/lib/wall-player.jar, where this"
              + " controller has it (it is an aarch64 node and this controller x86_64, which is fine: the package is the"
              + " same for both, and each node runs its own Java and Open MPI); install the same wall there (wall setup"
              + " install)",
          said.lines().findFirst().orElse(""));
    } finally {
      Sh.run(pi.exec("umount", "/opt").toArray(String[]::new));
    }
  }

  private static Path layout(Path run) throws Exception {
    Files.createDirectories(run);
    cluster.node(2).share(run);
    Map<String, Rect> windows =
        new TreeMap<>(Map.of("s1", new Rect(0, 0, 320, 180), "s2", new Rect(320, 0, 320, 180)));
    return TestWall.write(
        run,
        1,
        2,
        windows,
        Map.of("s1", cluster.node(1).hostname(), "s2", cluster.node(2).hostname()));
  }
}
