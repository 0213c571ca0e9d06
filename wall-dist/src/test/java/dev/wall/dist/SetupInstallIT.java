package dev.wall.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.testing.Tools;
import dev.wall.player.testing.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wall setup install} against a real node: sshd in a network namespace this test makes (only
 * its loopback, the layout's address for rpi2, no route out, so the node is offline), logged into
 * as root with a key. The node shares this machine's files, so the install is real: apt-get
 * installs the package built here, which stays installed as the {@link InstalledPackage} for BootIT
 * and PackageIT, which run after it (junit-platform.properties). Run it under the heavy lock.
 */
@Tag("serial")
@ExtendWith(InstalledPackage.Resolver.class)
@Order(1)
class SetupInstallIT {
  private static final String WORKER = "192.168.1.102";
  private static final String SSHD =
      "mount -t tmpfs wall-run /run && mkdir -m 755 /run/sshd && exec /usr/sbin/sshd -D -e -f \"$1\"";
  private static final String LAYOUT =
      "{\"version\": 1, \"mediaRoot\": \"/srv/wall/media\","
          + " \"network\": {\"subnet\": \"192.168.1.0/24\"}, \"screens\": ["
          + "{\"name\": \"left\", \"host\": \"rpi1\", \"address\": \"192.168.1.101\", \"media\": \"a.mp4\"},"
          + "{\"name\": \"right\", \"host\": \"rpi2\", \"address\": \""
          + WORKER
          + "\", \"media\": \"b.mp4\"}]}";

  @TempDir Path tmp;

  @Test
  void installsTheExactPackageOnceAndNamesWhatAnOfflineNodeLacks(InstalledPackage wall)
      throws Exception {
    Tools.requireRootAnd(
        "needs root, openssh-server, iproute2 and apt-get", "sshd", "ip", "apt-get");
    Path deb = wall.deb();
    String version = wall.version();
    InstalledPackage.removeIfInstalled(); // a node that has none
    Path layout = Files.writeString(tmp.resolve("lobby.json"), LAYOUT);
    Path config = sshFiles();
    String ns = "wall-it-install-" + ProcessHandle.current().pid();
    check(Sh.run("ip", "netns", "add", ns));
    Process sshd = null;
    try {
      check(Sh.run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up"));
      check(Sh.run("ip", "netns", "exec", ns, "ip", "addr", "add", WORKER + "/32", "dev", "lo"));
      assertEquals(
          "",
          Sh.run("ip", "netns", "exec", ns, "ip", "route", "show", "default").out(),
          "no way out");
      sshd =
          new ProcessBuilder(
                  "ip",
                  "netns",
                  "exec",
                  ns,
                  "unshare",
                  "--mount",
                  "--propagation",
                  "private",
                  "sh",
                  "-c",
                  SSHD,
                  "sh",
                  tmp.resolve("sshd_config").toString())
              .redirectErrorStream(true)
              .redirectOutput(tmp.resolve("sshd.log").toFile())
              .start();
      Poll.until(
          Duration.ofSeconds(30),
          "sshd to listen",
          () -> Files.readString(tmp.resolve("sshd.log")).contains("Server listening"));
      Files.writeString(tmp.resolve("known_hosts"), keyscan(ns));

      String[] install = {
        "setup",
        "install",
        "--layout",
        layout.toString(),
        "--package",
        deb.toString(),
        "--ssh-config",
        config.toString()
      };
      Sh.Result dry = wall(ns, append(install, "--dry-run"));
      assertEquals(0, dry.code(), dry.all());
      assertTrue(
          dry.out().contains("install: rpi2: would install wall " + version + " (has none)\n"),
          dry.all());
      assertEquals(
          "",
          Sh.run("sh", "-c", "dpkg-query -W wall 2>/dev/null | cut -f2").out(),
          "a dry run installed nothing");

      Sh.Result first = wall(ns, install);
      assertEquals(0, first.code(), first.all());
      assertTrue(
          first.out().contains("install: rpi2: installed wall " + version + " (had none)\n"),
          first.all());
      assertEquals(version + "\n", Sh.run("dpkg-query", "-W", "-f=${Version}\n", "wall").out());

      Sh.Result again = wall(ns, install);
      assertEquals(0, again.code(), again.all());
      assertTrue(
          again.out().contains("install: rpi2: already has wall " + version + "\n"), again.all());

      // The same controller's wall, rebuilt from what dpkg installed: the node already has exactly
      // it.
      Sh.Result rebuilt =
          wall(
              ns,
              "setup",
              "install",
              "--layout",
              layout.toString(),
              "--ssh-config",
              config.toString());
      assertEquals(0, rebuilt.code(), rebuilt.all());
      assertTrue(
          rebuilt.out().contains("install: rpi2: already has wall " + version + "\n"),
          rebuilt.all());

      Path offline = packageNeeding("wall-test-absent-dependency (>= 1)");
      Sh.Result lacking =
          wall(
              ns,
              "setup",
              "install",
              "--layout",
              layout.toString(),
              "--package",
              offline.toString(),
              "--ssh-config",
              config.toString());
      assertEquals(1, lacking.code(), lacking.all());
      assertTrue(
          lacking
              .out()
              .contains(
                  "install: rpi2: failed: it cannot get what wall needs from its package sources"
                      + " (is it offline?): it lacks wall-test-absent-dependency (>= 1); connect rpi2 to the network once and run"
                      + " again, or copy those packages to it (on a machine of the same release: apt-get download"
                      + " wall-test-absent-dependency; then on rpi2: sudo apt-get install ./*.deb)\n"),
          lacking.all());
      assertEquals(
          version + "\n",
          Sh.run("dpkg-query", "-W", "-f=${Version}\n", "wall").out(),
          "the failed install changed nothing");
    } finally {
      if (sshd != null) {
        Sh.stop(sshd, Duration.ofSeconds(5));
      }
      Sh.run("ip", "netns", "del", ns);
    }
  }

  private Sh.Result wall(String ns, String... args) throws Exception {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "ip",
                "netns",
                "exec",
                ns,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.wall.player.cli.WallMain"));
    argv.addAll(List.of(args));
    return Sh.run(argv, Map.of(), tmp, Duration.ofMinutes(5));
  }

  /**
   * The controller's side: a key, the ssh config wall setup ssh would write; the node's sshd takes
   * the key for root.
   */
  private Path sshFiles() throws Exception {
    check(
        Sh.run(
            "ssh-keygen",
            "-q",
            "-t",
            "ed25519",
            "-N",
            "",
            "-f",
            tmp.resolve("host_ed25519").toString()));
    check(
        Sh.run(
            "ssh-keygen",
            "-q",
            "-t",
            "ed25519",
            "-N",
            "",
            "-f",
            tmp.resolve("wall_ed25519").toString()));
    Files.writeString(
        tmp.resolve("authorized_keys"),
        "from=\"192.168.1.0/24\",restrict " + Files.readString(tmp.resolve("wall_ed25519.pub")));
    Files.writeString(
        tmp.resolve("sshd_config"),
        String.join(
            "\n",
            "ListenAddress " + WORKER,
            "Port 22",
            "HostKey " + tmp.resolve("host_ed25519"),
            "PidFile none",
            "UsePAM no",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "PubkeyAuthentication yes",
            "PermitRootLogin prohibit-password",
            "StrictModes no",
            "AuthorizedKeysFile " + tmp.resolve("authorized_keys"),
            ""));
    Path config = tmp.resolve("wall_config");
    Files.writeString(
        config,
        String.join(
            "\n",
            "Host rpi2",
            "  HostName " + WORKER,
            "Host rpi1 rpi2",
            "  User root",
            "  IdentityFile " + tmp.resolve("wall_ed25519"),
            "  IdentitiesOnly yes",
            "  BatchMode yes",
            "  StrictHostKeyChecking yes",
            "  UserKnownHostsFile " + tmp.resolve("known_hosts"),
            "  ConnectTimeout 10",
            ""));
    return config;
  }

  private static String keyscan(String ns) throws Exception {
    Sh.Result scan = Sh.run("ip", "netns", "exec", ns, "ssh-keyscan", "-t", "ed25519", WORKER);
    check(scan);
    return scan.out();
  }

  /**
   * A package named wall that needs something no package source here has: what an offline node
   * meets.
   */
  private Path packageNeeding(String dependency) throws Exception {
    Path tree = tmp.resolve("offline-package");
    Files.createDirectories(tree.resolve("DEBIAN"));
    Files.writeString(
        tree.resolve("DEBIAN/control"),
        "Package: wall\nVersion: 0.0.1~test\nArchitecture: all\n"
            + "Maintainer: wall tests <wall@localhost>\nDepends: "
            + dependency
            + "\nDescription: a wall that needs what is not there\n");
    Path deb = tmp.resolve("wall_0.0.1~test_all.deb");
    check(Sh.run("dpkg-deb", "--root-owner-group", "--build", tree.toString(), deb.toString()));
    return deb;
  }

  private static void check(Sh.Result result) {
    assertEquals(0, result.code(), result.all());
  }

  private static String[] append(String[] args, String more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = more;
    return all;
  }
}
