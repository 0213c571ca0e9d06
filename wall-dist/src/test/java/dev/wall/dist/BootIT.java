package dev.wall.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.testing.Tools;
import dev.wall.player.display.VirtualDisplay;
import dev.wall.player.testing.Poll;
import dev.wall.player.testing.Project;
import dev.wall.player.testing.TestDisplay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The autostart unit of the {@link InstalledPackage}, booted for real: systemd as PID 1 in a
 * container ({@code systemd-nspawn --boot}) whose {@code /usr} is this machine's, read-only, with
 * the package installed there; its own {@code /etc} holds only the user pi, the unit {@code wall
 * setup autostart} wrote and what Java and Open MPI read. The wall must be playing after boot, play
 * again after its process is killed, and be killed and restarted by systemd's watchdog when it
 * hangs (stopped with SIGSTOP). Under the unit's hardening it plays in /run/wall
 * (RuntimeDirectory=, the user's alone), not in /tmp, and gains no privileges. The players draw on
 * an Xvfb of this test, whose socket is the container's display :0. No debootstrap: the tree is
 * built in a second from this machine's own files. Runs after SetupInstallIT and before PackageIT
 * (junit-platform.properties); run it under the heavy lock.
 */
@Tag("serial")
@ExtendWith(InstalledPackage.Resolver.class)
@Order(2)
class BootIT {
  /**
   * The test's drop-in shortens the watchdog so that a hang is seen in seconds, not the unit's
   * minute; long enough for a start on a loaded machine (the first ping comes with the first
   * control round: 8 s was less than a start takes at a load of 14 on two cores).
   */
  private static final int TEST_WATCHDOG_SECONDS = 20;

  /** Each probe runs nsenter and systemctl or journalctl: a few a second is plenty. */
  private static final Duration EVERY = Duration.ofMillis(300);

  @TempDir Path tmp;

  @Test
  void theUnitPlaysTheWallAtBootAfterAKillAndAfterAHang(InstalledPackage wall) throws Exception {
    Tools.requireRootAnd("needs root and systemd-container", "systemd-nspawn", "nsenter");
    wall.ensureInstalled();
    Process nspawn = null;
    Path tree = tree(tmp.resolve("node"));
    Path media = DemoClips.make(tmp.resolve("media"));
    Files.writeString(
        tree.resolve("home/pi/demo.json"),
        Files.readString(Project.root().resolve("layouts/demo-2x2.json"))
            .replaceFirst("\"mediaRoot\": \"[^\"]*\"", "\"mediaRoot\": \"/srv/wall/media\""));
    Files.setAttribute(tree.resolve("home/pi/demo.json"), "unix:uid", 1000);
    Sh.Result setup =
        Sh.run(
            List.of(
                "/usr/local/bin/wall",
                "setup",
                "autostart",
                "--layout",
                tree.resolve("home/pi/demo.json").toString(),
                "--root",
                tree.toString(),
                "--host",
                "localhost",
                "--user",
                "pi",
                "--display-stack",
                "x11"),
            Map.of(),
            tmp,
            Duration.ofMinutes(1));
    assertEquals(0, setup.code(), setup.all());
    assertTrue(
        Files.isSymbolicLink(
            tree.resolve("etc/systemd/system/multi-user.target.wants/wall.service")),
        "enabled");
    Path dropIn = Files.createDirectories(tree.resolve("etc/systemd/system/wall.service.d"));
    Files.writeString(
        dropIn.resolve("test.conf"), "[Service]\nWatchdogSec=" + TEST_WATCHDOG_SECONDS + "\n");

    VirtualDisplay display = TestDisplay.shared();
    try {
      String socket = "/tmp/.X11-unix/X" + display.display().substring(1).replaceFirst("\\..*", "");
      // A network namespace of its own (loopback only): mpirun's TCP stays inside, and X's abstract
      // socket for :0 is not this machine's, so the players reach the bound socket, our Xvfb.
      nspawn =
          new ProcessBuilder(
                  "systemd-nspawn",
                  "--directory=" + tree,
                  "--boot",
                  "--register=no",
                  "--keep-unit",
                  "--private-network",
                  "--machine=wall-boot-" + ProcessHandle.current().pid(),
                  "--bind-ro=/usr",
                  "--bind-ro=" + media + ":/srv/wall/media",
                  "--bind=" + socket + ":/tmp/.X11-unix/X0")
              .redirectErrorStream(true)
              .redirectOutput(tmp.resolve("console.log").toFile())
              .start();
      Process container = nspawn;
      long init =
          Poll.until(
              Duration.ofSeconds(30),
              EVERY,
              "the container's systemd",
              () -> container.children().findFirst().map(ProcessHandle::pid).orElse(null));

      // After boot: the unit runs the wall, and its four windows are on the display.
      untilJournalShows(
          init,
          Duration.ofSeconds(90),
          "a loop played after boot",
          () -> journal(init).contains("loop 1/forever"));
      assertEquals("active", show(init, "ActiveState"));
      String firstPid = wallPid(init);
      Poll.until(
          Duration.ofSeconds(10),
          EVERY,
          "the wall's four windows",
          () -> windows(display.display()) == 4);
      assertRunsHardenedInRunWall(init, firstPid);

      // Its process killed: systemd starts it again and it plays.
      assertEquals(0, inside(init, "kill", "-KILL", firstPid).code());
      untilJournalShows(
          init,
          Duration.ofSeconds(90),
          "the wall playing again after its process was killed",
          () ->
              Integer.parseInt(show(init, "NRestarts")) >= 1
                  && !wallPid(init).equals(firstPid)
                  && journal(init).contains("wall[" + wallPid(init) + "]: loop 1/forever"));

      // Hung (stopped): the watchdog, fed by the control rounds until then, has it killed and
      // restarted:
      // a watchdog period, the stop timeout (a stopped process ignores SIGABRT), RestartSec and a
      // start.
      String hungPid = wallPid(init);
      assertEquals(0, inside(init, "kill", "-STOP", hungPid).code());
      untilJournalShows(
          init,
          Duration.ofSeconds(180),
          "the watchdog to restart a hung wall",
          () ->
              journal(init).contains("wall.service: Failed with result 'watchdog'")
                  && !wallPid(init).equals(hungPid)
                  && journal(init).contains("wall[" + wallPid(init) + "]: loop 1/forever"));
      assertTrue(Integer.parseInt(show(init, "NRestarts")) >= 2, journal(init));
    } finally {
      if (nspawn != null) {
        // SIGTERM asks the container to power off; by its PID, never by name.
        Sh.stop(nspawn, Duration.ofSeconds(40));
      }
    }
  }

  /** {@link Poll#until}, saying what the unit's journal holds when it times out. */
  private static void untilJournalShows(
      long init, Duration deadline, String what, java.util.concurrent.Callable<Boolean> probe)
      throws Exception {
    try {
      Poll.until(deadline, EVERY, what, probe);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; the unit's journal:\n" + journal(init), e);
    }
  }

  /**
   * The unit's run folder is the wall's: /run/wall, pi's alone, holding the status file and the
   * ranks' PID files, and none in /tmp; and the wall cannot gain privileges.
   */
  private static void assertRunsHardenedInRunWall(long init, String pid) throws Exception {
    assertEquals(
        "pi 700 directory", inside(init, "stat", "-c", "%U %a %F", "/run/wall").out().trim());
    assertEquals(
        "pi",
        inside(init, "stat", "-c", "%U", "/run/wall/status.json").out().trim(),
        "the status file");
    assertTrue(
        inside(init, "sh", "-c", "ls /run/wall/pids/*/rank-*").out().contains("rank-0"),
        "the ranks' PID files are in /run/wall");
    assertEquals(
        "",
        inside(init, "sh", "-c", "ls -d /tmp/wall-* 2>/dev/null").out().trim(),
        "no run folder in /tmp");
    String environment = inside(init, "cat", "/proc/" + pid + "/environ").out();
    assertTrue(
        environment.contains("RUNTIME_DIRECTORY=/run/wall\0"),
        "systemd tells the wall its run folder");
    assertTrue(
        inside(init, "grep", "-x", "NoNewPrivs:[[:space:]]*1", "/proc/" + pid + "/status").code()
            == 0,
        "NoNewPrivileges holds for the wall");
    assertEquals("full", show(init, "ProtectSystem"));
  }

  /**
   * The least a booting systemd and the wall need besides /usr: users, Java's and Open MPI's
   * settings, the installed wall.
   */
  static Path tree(Path root) throws IOException, InterruptedException {
    for (String dir :
        List.of(
            "etc/systemd/system",
            "var/tmp",
            "var/log",
            "tmp/.X11-unix",
            "home/pi",
            "root",
            "run",
            "proc",
            "sys",
            "dev",
            "usr",
            "opt",
            "srv/wall/media",
            "boot")) {
      Files.createDirectories(root.resolve(dir));
    }
    for (String dir : List.of("tmp", "var/tmp", "tmp/.X11-unix")) {
      Files.setPosixFilePermissions(
          root.resolve(dir), PosixFilePermissions.fromString("rwxrwxrwx"));
      Sh.run("chmod", "+t", root.resolve(dir).toString());
    }
    for (String link : List.of("bin", "lib", "lib64", "sbin")) {
      if (Files.isSymbolicLink(Path.of("/" + link))) {
        Files.createSymbolicLink(root.resolve(link), Path.of("usr/" + link));
      }
    }
    for (String copied :
        List.of("/etc/alternatives", "/etc/java-17-openjdk", "/etc/openmpi", "/opt/wall")) {
      assertEquals(
          0,
          Sh.run("cp", "-a", copied, root.resolve(copied.substring(1)).getParent().toString())
              .code(),
          copied);
    }
    for (String file : List.of("/etc/ld.so.cache", "/etc/nsswitch.conf")) {
      Files.copy(
          Path.of(file), root.resolve(file.substring(1)), StandardCopyOption.REPLACE_EXISTING);
    }
    Files.copy(Path.of("/usr/lib/os-release"), root.resolve("etc/os-release"));
    Files.writeString(
        root.resolve("etc/passwd"),
        "root:x:0:0:root:/root:/bin/bash\npi:x:1000:1000:pi:/home/pi:/bin/bash\n");
    Files.writeString(
        root.resolve("etc/group"), "root:x:0:\nvideo:x:44:pi\nrender:x:105:pi\npi:x:1000:\n");
    Files.writeString(
        root.resolve("etc/shadow"), "root:*:19000:0:99999:7:::\npi:*:19000:0:99999:7:::\n");
    Files.writeString(root.resolve("etc/hostname"), "rpi1\n");
    Files.writeString(root.resolve("etc/machine-id"), "");
    Files.setAttribute(root.resolve("home/pi"), "unix:uid", 1000);
    Files.setAttribute(root.resolve("home/pi"), "unix:gid", 1000);
    return root;
  }

  private static Sh.Result inside(long init, String... argv) throws Exception {
    List<String> all =
        new ArrayList<>(
            List.of("nsenter", "--target", String.valueOf(init), "--mount", "--pid", "--"));
    all.addAll(List.of(argv));
    return Sh.run(all, Map.of(), null, Duration.ofSeconds(30));
  }

  private static String show(long init, String property) throws Exception {
    return inside(init, "systemctl", "show", "wall.service", "--value", "-p", property)
        .out()
        .trim();
  }

  private static String journal(long init) throws Exception {
    return inside(init, "journalctl", "--no-pager", "-o", "short", "-u", "wall.service").out();
  }

  /** The wall's own process (the JVM of wall play), as the container numbers it. */
  private static String wallPid(long init) throws Exception {
    String pids =
        inside(init, "pgrep", "-u", "pi", "-f", "dev.wall.player.cli.WallMain").out().trim();
    return pids.isEmpty() ? "none" : pids.lines().findFirst().orElse("none");
  }

  private static long windows(String display) throws Exception {
    Sh.Result tree =
        Sh.run(
            List.of("xwininfo", "-root", "-tree"),
            Map.of("DISPLAY", display),
            null,
            Duration.ofSeconds(10));
    try (Stream<String> lines = tree.out().lines()) {
      return lines.filter(l -> l.contains("\"wall:")).count();
    }
  }
}
