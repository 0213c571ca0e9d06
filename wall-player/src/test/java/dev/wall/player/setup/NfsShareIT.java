package dev.wall.player.setup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.testing.Tools;
import dev.wall.player.cli.setup.SetupFixtures;
import dev.wall.player.testing.NamespaceCluster;
import dev.wall.player.testing.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export {@code wall setup nfs-server} writes, served for real. This machine has no kernel NFS
 * server, so: the real {@code exportfs -ra} parses the generated /etc/exports inside a private
 * mount namespace (the file bind-mounted over /etc/exports, a scratch /var/lib/nfs); then the same
 * export, translated to an nfs-ganesha EXPORT block, is served by the userspace server on the
 * loopback of a network namespace and read with libnfs's nfs-cat.
 */
@Tag("smoke")
class NfsShareIT {
  private static final Pattern EXPORT =
      Pattern.compile("^(\\S+) (\\S+)\\((\\S+)\\)$", Pattern.MULTILINE);

  @Test
  void exportfsAcceptsTheGeneratedExports(@TempDir Path tmp) throws Exception {
    Tools.requireRootAnd("needs root and nfs-kernel-server's exportfs", "exportfs", "unshare");
    Path root = setUpController(tmp);
    Path exports = root.resolve("etc/exports");
    // A fixed script; the paths arrive as positional arguments, never inside the script text.
    String script =
        "mount --bind \"$1\" /etc/exports && mount -t tmpfs wall-scratch /var/lib/nfs"
            + " && mount -t tmpfs wall-scratch /srv && mkdir /srv/wall && mount --bind \"$2\" /srv/wall"
            + " && exportfs -ra && cat /var/lib/nfs/etab";
    Cmd.Result result =
        Cmd.run(
            List.of(
                "unshare",
                "--mount",
                "--propagation",
                "private",
                "sh",
                "-c",
                script,
                "sh",
                exports.toString(),
                root.resolve("srv/wall").toString()));
    assertEquals(0, result.code(), result.stderr());
    assertEquals("", result.stderr(), "exportfs complained");
    String etab = result.out();
    assertTrue(etab.startsWith("/srv/wall\t192.168.1.0/24(ro,"), etab);
    assertTrue(etab.contains(",root_squash,"), etab);
    assertFalse(etab.contains("no_root_squash"), etab);
    assertEquals(1, etab.lines().count(), "exactly one export: " + etab);
  }

  @Test
  void ganeshaServesTheSameExportReadOnlyToTheSubnetOnly(@TempDir Path tmp) throws Exception {
    Tools.requireRootAnd(
        "needs root, nfs-ganesha(-vfs), libnfs-utils and iproute2",
        "ganesha.nfsd",
        "nfs-cat",
        "nfs-cp",
        "ip");
    Path root = setUpController(tmp);
    Path share = root.resolve("srv/wall");
    byte[] clip = new byte[300_000];
    new Random(42).nextBytes(clip);
    Files.createDirectories(share.resolve("media"));
    Files.write(share.resolve("media/clip.mp4"), clip);
    Files.writeString(share.resolve("media/secret.txt"), "root only\n");
    Files.setPosixFilePermissions(
        share.resolve("media/secret.txt"), PosixFilePermissions.fromString("rw-------"));

    Matcher export = EXPORT.matcher(generatedExport(root));
    assertTrue(export.find(), "no export line");
    Path config = tmp.resolve("ganesha.conf");
    Files.writeString(
        config, ganeshaConfig(tmp, share, export.group(1), export.group(2), export.group(3)));

    String controller = "192.168.1.101";
    try (NamespaceCluster.Isolated ns = NamespaceCluster.isolated(controller)) {
      Path log = tmp.resolve("ganesha.log");
      Process ganesha =
          new ProcessBuilder(
                  ns.exec(
                      "ganesha.nfsd",
                      "-F",
                      "-f",
                      config.toString(),
                      "-p",
                      tmp.resolve("ganesha.pid").toString(),
                      "-L",
                      log.toString(),
                      "-N",
                      "NIV_EVENT"))
              .redirectErrorStream(true)
              .redirectOutput(tmp.resolve("ganesha.out").toFile())
              .start();
      try {
        Poll.until(
            Duration.ofSeconds(30),
            "ganesha listening on 2049",
            () -> ganesha.isAlive() && listening(ns, 2049));
        String url = "nfs://" + controller + "/srv/wall/media/clip.mp4?version=4";
        Cmd.Result read = Cmd.run(ns.exec("nfs-cat", url));
        assertEquals(0, read.code(), read.stderr());
        assertArrayEquals(sha256(clip), sha256(read.stdout()), "the clip read back differs");

        Path local = tmp.resolve("note.txt");
        Files.writeString(local, "a write that must be refused\n");
        Cmd.Result write =
            Cmd.run(
                ns.exec(
                    "nfs-cp",
                    local.toString(),
                    "nfs://" + controller + "/srv/wall/note.txt?version=4"));
        assertNotEquals(0, write.code(), "a write to the read-only export succeeded");
        assertTrue(write.stderr().contains("NFS4ERR_ROFS"), write.stderr());
        assertFalse(Files.exists(share.resolve("note.txt")));

        Cmd.Result squashed =
            Cmd.run(
                ns.exec("nfs-cat", "nfs://" + controller + "/srv/wall/media/secret.txt?version=4"));
        assertNotEquals(0, squashed.code(), "root was not squashed: it read a 0600 root file");

        Cmd.Result outside =
            Cmd.run(ns.exec("nfs-cat", "nfs://127.0.0.1/srv/wall/media/clip.mp4?version=4"));
        assertNotEquals(0, outside.code(), "a client outside the subnet read the share");
        assertEquals(0, outside.stdout().length);
      } finally {
        Cmd.stop(ganesha);
      }
      assertFalse(ganesha.isAlive());
    }
  }

  private static boolean listening(NamespaceCluster.Isolated ns, int port) {
    try {
      return Cmd.run(ns.exec("ss", "-Htln", "sport", "= :" + port)).out().contains(":" + port);
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** The bookworm controller after {@code wall setup nfs-server}. */
  private static Path setUpController(Path tmp) throws IOException {
    Path root = SetupFixtures.root("bookworm", tmp.resolve("root"));
    var run =
        SetupFixtures.cli(
            root, "setup nfs-server --host rpi1 --layout <root>/home/pi/lobby.json --root <root>");
    assertEquals(0, run.exitCode(), run.err());
    return root;
  }

  private static String generatedExport(Path root) throws IOException {
    return Files.readAllLines(root.resolve("etc/exports")).stream()
        .filter(l -> !l.startsWith("#") && !l.isBlank())
        .reduce("", (a, b) -> a + b + "\n");
  }

  /**
   * The exports line in nfs-ganesha's terms: nobody gets in by default ({@code Access_Type =
   * None}), one CLIENT block grants the subnet what the line grants.
   */
  static String ganeshaConfig(
      Path tmp, Path realPath, String pseudo, String subnet, String options) {
    List<String> opts = List.of(options.split(","));
    String access = opts.contains("rw") ? "RW" : "RO";
    String squash = opts.contains("no_root_squash") ? "No_Root_Squash" : "Root_Squash";
    return String.join(
        "\n",
        "NFS_CORE_PARAM {",
        "  Protocols = 4;",
        "  Enable_UDP = false;",
        "  Enable_NLM = false;",
        "  Enable_RQUOTA = false;",
        "  NFS_Port = 2049;",
        "  Plugins_Dir = " + pluginsDir() + ";",
        "}",
        "NFSV4 {",
        "  Graceless = true;",
        "  RecoveryRoot = " + tmp.resolve("recovery") + ";",
        "}",
        "EXPORT {",
        "  Export_Id = 1;",
        "  Path = " + realPath + ";",
        "  Pseudo = " + pseudo + ";",
        "  Protocols = 4;",
        "  Access_Type = None;",
        "  Squash = Root_Squash;",
        "  FSAL { Name = VFS; }",
        "  CLIENT {",
        "    Clients = " + subnet + ";",
        "    Access_Type = " + access + ";",
        "    Squash = " + squash + ";",
        "  }",
        "}",
        "");
  }

  private static String pluginsDir() {
    for (String dir :
        List.of(
            "/usr/lib/x86_64-linux-gnu/ganesha",
            "/usr/lib/aarch64-linux-gnu/ganesha",
            "/usr/lib/ganesha",
            "/usr/lib64/ganesha")) {
      if (Files.exists(Path.of(dir, "libfsalvfs.so"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no libfsalvfs.so: apt-get install nfs-ganesha-vfs");
  }

  private static byte[] sha256(byte[] bytes) throws Exception {
    return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
  }
}
