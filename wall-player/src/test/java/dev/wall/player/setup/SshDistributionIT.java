package dev.wall.player.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.testing.Tools;
import dev.wall.player.cli.setup.SetupFixtures;
import dev.wall.player.testing.NamespaceCluster;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wall setup ssh} against a real sshd: the worker rpi2 is an sshd on the loopback of a
 * network namespace the test creates (NamespaceCluster.isolated), holding rpi2's layout address,
 * with a private mount namespace whose /etc/passwd and /etc/shadow know a user {@code pi} (password
 * "raspberry"). The CLI runs in the same namespace; ssh asks the password through SSH_ASKPASS,
 * which counts asks.
 */
class SshDistributionIT {
  private static final String WORKER = "192.168.1.102";
  private static final String SSHD =
      "mount -t tmpfs wall-run /run && mkdir -m 755 /run/sshd && mount --bind \"$1\" /etc/passwd"
          + " && mount --bind \"$2\" /etc/shadow && exec /usr/sbin/sshd -D -e -f \"$3\"";

  @Test
  void keyIsMadeOnceAppendedOnceAndWorksWithoutPassword(@TempDir Path tmp) throws Exception {
    Tools.requireRootAnd(
        "needs root, openssh-server, iproute2, util-linux and openssl",
        "sshd",
        "ssh",
        "ssh-keygen",
        "ip",
        "unshare",
        "openssl");
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path workerHome = tmp.resolve("worker/home/pi");
    Files.createDirectories(workerHome);
    Files.setAttribute(workerHome, "unix:uid", 1000);
    Files.setAttribute(workerHome, "unix:gid", 1000);
    Path sshdConfig = sshdFiles(tmp, workerHome);

    Path root = SetupFixtures.root("bookworm", tmp.resolve("controller"));
    Path layout = root.resolve("home/pi/lobby.json");
    Files.writeString(
        layout, Files.readString(layout).replaceAll(",\\s*\\{ \"name\": \"right\"[^}]*\\}", ""));
    String fixture = listing(root);
    Path askLog = tmp.resolve("askpass.log");
    Path askpass = tmp.resolve("askpass.sh");
    Files.writeString(askpass, "#!/bin/sh\necho asked >> \"$WALL_ASKPASS_LOG\"\necho raspberry\n");
    Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> env =
        Map.of(
            "SSH_ASKPASS",
            askpass.toString(),
            "SSH_ASKPASS_REQUIRE",
            "force",
            "WALL_ASKPASS_LOG",
            askLog.toString(),
            "DISPLAY",
            "none");
    String[] unconfirmed = {
      "setup", "ssh", "--host", "rpi1", "--layout", layout.toString(), "--root", root.toString()
    };
    String[] args = append(unconfirmed, "--accept-host-keys");

    try (NamespaceCluster.Isolated ns = NamespaceCluster.isolated(WORKER)) {
      Process sshd = startSshd(ns, tmp, sshdConfig);
      try {
        Cmd.Result shown = Cmd.run(ns.exec(Cmd.wall(unconfirmed)), env, Duration.ofSeconds(60));
        assertEquals(2, shown.code(), shown.out() + shown.stderr());
        assertTrue(
            shown.out().contains("ssh: host key of rpi2 (192.168.1.102): ED25519 SHA256:"),
            shown.out());
        assertEquals(
            List.of(
                "wall: ssh: 1 host key to confirm (above): compare each with its node's own (on the node:"
                    + " ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub), then run again with --accept-host-keys"),
            shown.stderr().lines().toList());
        assertTrue(
            !Files.exists(askLog), "no password was asked of a host whose key nobody confirmed");

        Cmd.Result first = Cmd.run(ns.exec(Cmd.wall(args)), env, Duration.ofSeconds(60));
        assertEquals(0, first.code(), first.out() + first.stderr());
        assertTrue(first.out().contains("ssh: pi@rpi2: changed (key appended)"), first.out());
        long asked = Files.readAllLines(askLog).size();
        assertTrue(asked >= 1, "the first run never asked for the password");
        String publicKey = Files.readString(root.resolve("home/pi/.ssh/wall_ed25519.pub")).trim();
        Path authorized = workerHome.resolve(".ssh/authorized_keys");
        String line = "from=\"192.168.1.0/24\",restrict " + publicKey;
        assertEquals(List.of(line), Files.readAllLines(authorized));

        Cmd.Result second = Cmd.run(ns.exec(Cmd.wall(args)), env, Duration.ofSeconds(60));
        assertEquals(0, second.code(), second.out() + second.stderr());
        assertTrue(second.out().contains("ssh: pi@rpi2: already set"), second.out());
        assertTrue(
            second.out().contains("ssh: /home/pi/.ssh/wall_ed25519: already set"), second.out());
        assertEquals(
            publicKey,
            Files.readString(root.resolve("home/pi/.ssh/wall_ed25519.pub")).trim(),
            "the key was replaced");
        assertEquals(
            asked,
            Files.readAllLines(askLog).size(),
            "the second run asked for the password again");
        assertEquals(List.of(line), Files.readAllLines(authorized), "the key was appended twice");

        // What mpirun will run through plm_rsh_agent: the generated config, paths moved into the
        // test root.
        Path config = tmp.resolve("wall_config");
        Files.writeString(
            config,
            Files.readString(root.resolve("home/pi/.ssh/wall_config"))
                .replace("/home/pi/", root + "/home/pi/"));
        String agent = Files.readString(root.resolve("etc/openmpi/openmpi-mca-params.conf"));
        assertTrue(agent.contains("\nplm_rsh_agent = ssh -F /home/pi/.ssh/wall_config\n"), agent);
        Cmd.Result hop =
            Cmd.run(
                ns.exec("ssh", "-F", config.toString(), "rpi2", "echo", "hello-from-rpi2"),
                env,
                Duration.ofSeconds(30));
        assertEquals("hello-from-rpi2\n", hop.out(), hop.stderr());
        assertEquals(asked, Files.readAllLines(askLog).size(), "mpirun's ssh asked for a password");

        // rpi2 re-flashed (or someone in between): a new host key is one line, the node and the
        // fix.
        Cmd.stop(sshd);
        Files.move(tmp.resolve("host_ed25519"), tmp.resolve("host_ed25519.first"));
        Files.move(tmp.resolve("host_ed25519.pub"), tmp.resolve("host_ed25519.first.pub"));
        assertEquals(
            0,
            Cmd.run(
                    List.of(
                        "ssh-keygen",
                        "-q",
                        "-t",
                        "ed25519",
                        "-N",
                        "",
                        "-f",
                        tmp.resolve("host_ed25519").toString()))
                .code());
        sshd = startSshd(ns, tmp, sshdConfig);
        Cmd.Result changed = Cmd.run(ns.exec(Cmd.wall(args)), env, Duration.ofSeconds(60));
        assertEquals(2, changed.code(), changed.out() + changed.stderr());
        assertEquals(
            List.of(
                "wall: ssh: rpi2 (192.168.1.102): its host key is not the one confirmed at setup (a re-flashed"
                    + " node, or someone in between); if rpi2 was re-flashed: ssh-keygen -f /home/pi/.ssh/wall_known_hosts -R rpi2"
                    + " -R 192.168.1.102, then run wall setup ssh again to see and confirm its new key"),
            changed.stderr().lines().toList());
        assertEquals(
            List.of(line), Files.readAllLines(authorized), "nothing was sent to the impostor");
        Cmd.stop(sshd);
        Files.move(
            tmp.resolve("host_ed25519.first"),
            tmp.resolve("host_ed25519"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(
            tmp.resolve("host_ed25519.first.pub"),
            tmp.resolve("host_ed25519.pub"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        sshd = startSshd(ns, tmp, sshdConfig);

        Cmd.Result undo =
            Cmd.run(ns.exec(Cmd.wall(append(args, "--undo"))), env, Duration.ofSeconds(60));
        assertEquals(0, undo.code(), undo.out() + undo.stderr());
        assertTrue(undo.out().contains("ssh: pi@rpi2: undone"), undo.out());
        assertEquals(List.of(), Files.readAllLines(authorized));
        assertEquals(fixture, listing(root), "undo did not give back the controller's tree");
      } finally {
        Cmd.stop(sshd);
      }
    }
  }

  @Test
  void aWorkerThatRefusesTheKeyAndThePasswordIsOneLine(@TempDir Path tmp) throws Exception {
    Tools.requireRootAnd(
        "needs root, openssh-server, iproute2, util-linux and openssl",
        "sshd",
        "ssh",
        "ssh-keygen",
        "ip",
        "unshare",
        "openssl");
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path workerHome = tmp.resolve("worker/home/pi");
    Files.createDirectories(workerHome);
    Path sshdConfig = sshdFiles(tmp, workerHome);
    Files.writeString(
        sshdConfig,
        Files.readString(sshdConfig)
            .replace("PasswordAuthentication yes", "PasswordAuthentication no")
            .replace("PubkeyAuthentication yes", "PubkeyAuthentication no"));
    Path root = SetupFixtures.root("bookworm", tmp.resolve("controller"));
    Path layout = root.resolve("home/pi/lobby.json");
    Files.writeString(
        layout, Files.readString(layout).replaceAll(",\\s*\\{ \"name\": \"right\"[^}]*\\}", ""));
    Map<String, String> env =
        Map.of("SSH_ASKPASS", "/bin/false", "SSH_ASKPASS_REQUIRE", "force", "DISPLAY", "none");
    try (NamespaceCluster.Isolated ns = NamespaceCluster.isolated(WORKER)) {
      Process sshd = startSshd(ns, tmp, sshdConfig);
      try {
        Cmd.Result refused =
            Cmd.run(
                ns.exec(
                    Cmd.wall(
                        "setup",
                        "ssh",
                        "--host",
                        "rpi1",
                        "--layout",
                        layout.toString(),
                        "--root",
                        root.toString(),
                        "--accept-host-keys")),
                env,
                Duration.ofSeconds(60));
        assertEquals(2, refused.code(), refused.out() + refused.stderr());
        List<String> lines = refused.stderr().lines().toList();
        assertEquals(1, lines.size(), refused.stderr());
        assertTrue(
            lines
                .get(0)
                .matches(
                    "wall: ssh: pi@rpi2: refused the wall's key and the password \\(.*Permission denied.*\\);"
                        + " check that pi exists on rpi2 and that its sshd allows PubkeyAuthentication, then run again"),
            lines.get(0));
      } finally {
        Cmd.stop(sshd);
      }
    }
  }

  private static Process startSshd(NamespaceCluster.Isolated ns, Path tmp, Path sshdConfig)
      throws Exception {
    Process sshd =
        new ProcessBuilder(
                ns.exec(
                    "unshare",
                    "--mount",
                    "--propagation",
                    "private",
                    "sh",
                    "-c",
                    SSHD,
                    "sh",
                    tmp.resolve("passwd").toString(),
                    tmp.resolve("shadow").toString(),
                    sshdConfig.toString()))
            .redirectErrorStream(true)
            .start();
    try {
      awaitListening(sshd);
    } catch (AssertionError | Exception e) {
      Cmd.stop(sshd);
      throw e;
    }
    return sshd;
  }

  private static String[] append(String[] args, String more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = more;
    return all;
  }

  private static String listing(Path root) throws Exception {
    try (var walk = Files.walk(root)) {
      return String.join("\n", walk.map(p -> root.relativize(p).toString()).sorted().toList());
    }
  }

  /** sshd -e logs to stderr; "Server listening" means it accepts connections. */
  private static void awaitListening(Process sshd) throws Exception {
    CompletableFuture<Void> ready = new CompletableFuture<>();
    StringBuffer seen = new StringBuffer();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(sshd.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  seen.append(line).append('\n');
                  if (line.contains("Server listening on " + WORKER)) {
                    ready.complete(null);
                  }
                }
              } catch (java.io.IOException e) {
                seen.append(e);
              }
              ready.completeExceptionally(new AssertionError("sshd stopped: " + seen));
            },
            "sshd-log");
    reader.setDaemon(true);
    reader.start();
    try {
      ready.get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("sshd did not start within 30 s: " + seen, e);
    }
  }

  private static Path sshdFiles(Path tmp, Path workerHome) throws Exception {
    Cmd.Result hostKey =
        Cmd.run(
            List.of(
                "ssh-keygen",
                "-q",
                "-t",
                "ed25519",
                "-N",
                "",
                "-f",
                tmp.resolve("host_ed25519").toString()));
    assertEquals(0, hostKey.code(), hostKey.stderr());
    String hash =
        Cmd.run(List.of("openssl", "passwd", "-6", "-salt", "wallsalt", "raspberry")).out().trim();
    Files.writeString(
        tmp.resolve("passwd"),
        Files.readString(Path.of("/etc/passwd")).replaceAll("(?m)^pi:.*\\n", "")
            + "pi:x:1000:1000:wall test worker:"
            + workerHome
            + ":/bin/sh\n");
    Files.writeString(
        tmp.resolve("shadow"), "root:*:19000:0:99999:7:::\npi:" + hash + ":19000:0:99999:7:::\n");
    Files.setPosixFilePermissions(
        tmp.resolve("shadow"), PosixFilePermissions.fromString("rw-------"));
    Path config = tmp.resolve("sshd_config");
    Files.writeString(
        config,
        String.join(
            "\n",
            "ListenAddress " + WORKER,
            "Port 22",
            "HostKey " + tmp.resolve("host_ed25519"),
            "PidFile none",
            "UsePAM no",
            "PasswordAuthentication yes",
            "KbdInteractiveAuthentication no",
            "PubkeyAuthentication yes",
            "PermitRootLogin no",
            "StrictModes yes",
            "AuthorizedKeysFile .ssh/authorized_keys",
            "LogLevel VERBOSE",
            ""));
    return config;
  }
}
