package dev.wall.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wall.player.testing.Arm64Root;
import dev.wall.player.testing.ClusterRun;
import dev.wall.player.testing.NamespaceCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The wall's package on arm64, for the tests of a PC controller with Pi nodes: this JVM's {@link
 * Arm64Root} with the package this build made installed by apt-get (once per JVM, shared by every
 * test class here), and the same package unpacked for this machine's own nodes ({@link #x86}),
 * which a cluster's host nodes see at {@code /opt} in their own mount namespaces, so that every
 * node has the wall at {@code /opt/wall} and this machine's {@code /opt} is never touched.
 */
final class Arm64Wall {
  private static Arm64Wall shared;

  private final Arm64Root root;
  private final Path deb;
  private final Path x86;
  private final double installSeconds;
  private final String installOutput;

  private Arm64Wall(
      Arm64Root root, Path deb, Path x86, double installSeconds, String installOutput) {
    this.root = root;
    this.deb = deb;
    this.x86 = x86;
    this.installSeconds = installSeconds;
    this.installOutput = installOutput;
  }

  /** The arm64 root with this build's package installed, made once per JVM. */
  static synchronized Arm64Wall shared() throws Exception {
    if (shared == null) {
      Path deb = InstalledPackage.builtPackage();
      Arm64Root root = Arm64Root.shared();
      long started = System.nanoTime();
      // Every dependency is already there, from Debian arm64: apt resolves them against what is
      // installed. The root has no network here, so nothing else can come in.
      Arm64Root.Result install =
          root.run(
              List.of(deb.getParent()),
              List.of(
                  "env",
                  "DEBIAN_FRONTEND=noninteractive",
                  "apt-get",
                  "install",
                  "-y",
                  "-q",
                  "--no-install-recommends",
                  deb.toString()),
              Duration.ofMinutes(10));
      double seconds = (System.nanoTime() - started) / 1e9;
      assertEquals(
          0,
          install.code(),
          "apt-get install of " + deb.getFileName() + " in the arm64 root:\n" + install.output());
      System.out.printf(
          Locale.ROOT, "arm64: apt-get install ./%s in %.1f s%n", deb.getFileName(), seconds);
      Path x86 = Files.createTempDirectory("wall-x86-payload");
      Sh.Result unpacked = Sh.run("dpkg-deb", "-x", deb.toString(), x86.toString());
      assertEquals(0, unpacked.code(), unpacked.all());
      shared = new Arm64Wall(root, deb, x86, seconds, install.output());
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(x86)));
    }
    return shared;
  }

  Arm64Root root() {
    return root;
  }

  Path deb() {
    return deb;
  }

  /** The package unpacked for this machine: its {@code opt} folder holds {@code wall}. */
  Path x86Opt() {
    return x86.resolve("opt");
  }

  double installSeconds() {
    return installSeconds;
  }

  String installOutput() {
    return installOutput;
  }

  /**
   * A cluster of {@code hostNodes} nodes of this machine (node 1 the controller), each with the
   * package at /opt/wall, and then one arm64 node; the display's socket and {@code shared} folders
   * are seen by the arm64 node at their own paths, as an NFS share would be.
   */
  NamespaceCluster cluster(Path state, int hostNodes, List<Path> shared) throws IOException {
    List<NamespaceCluster.NodeKind> kinds = new ArrayList<>();
    for (int i = 0; i < hostNodes; i++) {
      kinds.add(NamespaceCluster.NodeKind.host());
    }
    kinds.add(NamespaceCluster.NodeKind.arm64(root));
    NamespaceCluster cluster = NamespaceCluster.start(state, kinds);
    try {
      for (int i = 1; i <= hostNodes; i++) {
        cluster.node(i).bind(x86Opt(), Path.of("/opt"));
      }
      NamespaceCluster.Node arm64 = cluster.node(hostNodes + 1);
      for (Path path : shared) {
        arm64.share(path);
      }
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /** {@code /opt/wall/bin/wall ARGS} on node 1, the controller, as its technician runs it. */
  static ClusterRun controller(NamespaceCluster cluster, Path dir, String... args)
      throws IOException {
    List<String> wall = new ArrayList<>(List.of("/opt/wall/bin/wall"));
    wall.addAll(List.of(args));
    String home = cluster.home().toString();
    return ClusterRun.start(
        cluster.node(1),
        dir,
        wall,
        Map.of(
            "HOME",
            home,
            "WALL_JAVA_OPTS",
            "-Xms8m -Xmx96m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Duser.home=" + home));
  }

  private static void deleteQuietly(Path dir) {
    try {
      Sh.run("rm", "-rf", "--one-file-system", dir.toString());
    } catch (IOException | InterruptedException e) {
      // A temporary folder of the package's files.
    }
  }
}
