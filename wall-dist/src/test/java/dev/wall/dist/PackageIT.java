package dev.wall.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.testing.Tools;
import dev.wall.player.display.VirtualDisplay;
import dev.wall.player.testing.Poll;
import dev.wall.player.testing.Project;
import dev.wall.player.testing.TestDisplay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package this build made, installed for real into this machine with apt-get (the {@link
 * InstalledPackage}, which {@link SetupInstallIT} installed when it ran first), used as a
 * technician would (typed as {@code wall}, by root and by a plain user, from any folder), and
 * removed again by the last test, or after the test JVM's last test when one failed. Runs after
 * BootIT (junit-platform.properties); run it under the heavy lock.
 */
@Tag("serial")
@ExtendWith(InstalledPackage.Resolver.class)
@Order(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackageIT {
  /** The plain user bin/bootstrap --test makes for the VLC tests. */
  private static final String USER = "wall-test";

  @TempDir static Path tmp;

  @BeforeAll
  static void install(InstalledPackage wall) throws Exception {
    Path deb = wall.deb();
    Sh.Result info =
        Sh.run("dpkg-deb", "-f", deb.toString(), "Version", "Installed-Size", "Depends");
    double seconds = wall.ensureInstalled();
    System.out.printf(
        "package: %s, %d bytes; %s%n%s",
        deb.getFileName(),
        Files.size(deb),
        seconds == 0 ? "installed already" : String.format("install %.1f s", seconds),
        info.out());
  }

  /**
   * {@code SCRIPT ARGS} in bash with the PATH a login gets from /etc/profile (root's and a user's
   * differ), and nothing else of this process's environment, as root or as the plain user, in
   * {@code /}.
   */
  static Sh.Result login(boolean asUser, Map<String, String> env, String script, String... args)
      throws Exception {
    List<String> argv = new ArrayList<>();
    if (asUser) {
      argv.addAll(List.of("runuser", "-u", USER, "--"));
    }
    argv.addAll(List.of("env", "-i", "TERM=dumb", "LANG=C.UTF-8"));
    env.forEach((k, v) -> argv.add(k + "=" + v));
    argv.addAll(
        List.of(
            "bash",
            "--noprofile",
            "--norc",
            "-c",
            ". /etc/profile >/dev/null 2>&1; cd / && " + script,
            "bash"));
    argv.addAll(List.of(args));
    return Sh.run(argv, Map.of(), Path.of("/"), Duration.ofMinutes(3));
  }

  @Test
  @Order(1)
  void wallTypedAsItIsIsOursForRootAndForAPlainUser() throws Exception {
    for (boolean asUser : new boolean[] {false, true}) {
      Sh.Result which =
          login(asUser, Map.of(), "command -v wall && readlink -f \"$(command -v wall)\"");
      assertEquals(
          "/usr/local/bin/wall\n/opt/wall/bin/wall\n",
          which.out(),
          (asUser ? USER : "root") + ": " + which.all());
    }
    Sh.Result utilLinux = Sh.run("/usr/bin/wall", "--version");
    assertTrue(
        utilLinux.out().contains("util-linux"),
        "util-linux's wall is untouched: " + utilLinux.all());
    assertEquals(
        "", Sh.run("dpkg", "--verify", "bsdutils").out(), "bsdutils' files are as shipped");
  }

  @Test
  @Order(2)
  @Tag("smoke")
  void versionNamesTheReleaseTheCommitAndOpenMpi() throws Exception {
    Sh.Result version = login(true, Map.of(), "wall --version");
    assertEquals(0, version.code(), version.all());
    List<String> lines = version.out().lines().toList();
    assertTrue(
        lines.get(0).matches("wall \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? commit [0-9a-f]{12}(-modified)?"),
        version.out());
    assertTrue(lines.get(1).matches("Open MPI (\\d+\\.\\d+\\.\\d+), mpi\\.jar \\1"), version.out());
  }

  @Test
  @Order(3)
  void manPagesAndCompletionAreOurs() throws Exception {
    // Debian's /usr/local/man is a link to /usr/local/share/man.
    Sh.Result where =
        login(true, Map.of(), "readlink -f \"$(man -w wall)\" \"$(man -w wall-setup-install)\"");
    assertEquals(
        "/usr/local/share/man/man1/wall.1.gz\n/usr/local/share/man/man1/wall-setup-install.1.gz\n",
        where.out(),
        where.all());
    Sh.Result page = login(true, Map.of("MANWIDTH", "100"), "man -P cat wall-play");
    assertEquals(0, page.code(), page.all());
    assertTrue(page.out().contains("Play the wall: one MPI rank per screen"), page.out());
    assertTrue(page.out().contains("--forever"), page.out());
    Path completion = Path.of("/usr/local/share/bash-completion/completions/wall");
    Sh.Result complete =
        Sh.run("bash", "-c", "source \"$1\" && complete -p wall", "bash", completion.toString());
    assertEquals(0, complete.code(), complete.all());
    assertTrue(complete.out().contains("wall"), complete.all());
  }

  @Test
  @Order(4)
  void theInstalledWallPlaysTheDemoLayout() throws Exception {
    Path clips = DemoClips.make(tmp.resolve("clips"));
    VirtualDisplay display = TestDisplay.shared();
    Sh.Result play =
        login(
            false,
            Map.of("DISPLAY", display.display(), "HOME", "/root"),
            "exec wall \"$@\"",
            "play",
            Project.root().resolve("layouts/demo-2x2.json").toString(),
            "--loops",
            "1",
            "--media-root",
            clips.toString(),
            "--run-dir",
            tmp.resolve("run").toString());
    assertEquals(0, play.code(), play.all());
    assertTrue(play.out().lines().anyMatch(l -> l.startsWith("loop 1/1: ")), play.all());
  }

  /**
   * The first show after an install records the CLI's class archive, so /opt/wall/bin/wall runs the
   * JVM as its child rather than exec'ing it: SIGTERM to wall must still stop every rank and
   * player.
   */
  @Test
  @Order(4)
  void sigtermStopsAFirstShowAndEverythingItStarted() throws Exception {
    Path clips = DemoClips.make(tmp.resolve("clips-term"));
    Path home = Files.createDirectories(tmp.resolve("fresh-home"));
    VirtualDisplay display = TestDisplay.shared();
    ProcessBuilder builder =
        new ProcessBuilder(
                "/usr/local/bin/wall",
                "play",
                Project.root().resolve("layouts/demo-2x2.json").toString(),
                "--forever",
                "--media-root",
                clips.toString(),
                "--run-dir",
                tmp.resolve("run-term").toString())
            .redirectErrorStream(true);
    builder.environment().put("DISPLAY", display.display());
    builder.environment().put("HOME", home.toString());
    builder.environment().remove("XDG_CACHE_HOME");
    Process wall = builder.start();
    StringBuffer said = new StringBuffer();
    Thread reader =
        new Thread(
            () -> {
              try (var in =
                  new java.io.BufferedReader(
                      new java.io.InputStreamReader(wall.getInputStream()))) {
                for (String line; (line = in.readLine()) != null; ) {
                  said.append(line).append('\n');
                }
              } catch (IOException e) {
                // The wall ended.
              }
            });
    reader.start();
    try {
      Poll.until(
          Duration.ofSeconds(60),
          "the first loop",
          () -> said.indexOf("loop 1/forever") >= 0 ? true : null);
      List<ProcessHandle> everything = wall.descendants().toList();
      assertTrue(
          everything.size() >= 10,
          "the JVM, mpirun, 4 ranks and 4 players at least: " + everything);
      long sent = System.nanoTime();
      wall.destroy(); // SIGTERM, to the script
      Poll.until(
          Duration.ofSeconds(5),
          "every process of the wall to go",
          () ->
              !wall.isAlive() && everything.stream().noneMatch(ProcessHandle::isAlive)
                  ? true
                  : null);
      System.out.printf(
          "SIGTERM to a first show: %d processes gone in %.2f s%n",
          everything.size() + 1, (System.nanoTime() - sent) / 1e9);
      assertEquals(143, wall.exitValue(), said.toString());
      try (Stream<Path> cache = Files.list(home.resolve(".cache/wall"))) {
        assertTrue(
            cache.anyMatch(f -> f.getFileName().toString().matches("cli-.*\\.jsa")),
            "the class archive this first show recorded");
      }
    } finally {
      if (wall.isAlive()) {
        wall.destroyForcibly();
      }
      reader.join(5000);
    }
  }

  @Test
  @Order(5)
  void theAutostartUnitOfEachDisplayStackPassesSystemdAnalyzeVerify() throws Exception {
    Tools.require(Tools.available("systemd-analyze"), "needs systemd-analyze");
    for (String stack : List.of("x11", "wayland", "drm")) {
      Path root = NodeTree.minimal(tmp.resolve("unit-" + stack), NodeTree.FULL_SCREEN);
      Sh.Result setup =
          login(
              false,
              Map.of(),
              "exec wall \"$@\"",
              "setup",
              "autostart",
              "--layout",
              root.resolve("home/pi/lobby.json").toString(),
              "--root",
              root.toString(),
              "--host",
              "localhost",
              "--user",
              "pi",
              "--display-stack",
              stack);
      assertEquals(0, setup.code(), setup.all());
      String unit = Files.readString(root.resolve("etc/systemd/system/wall.service"));
      assertTrue(
          unit.contains("\nExecStart=/opt/wall/bin/wall play /home/pi/lobby.json --forever\n"),
          unit);
      assertTrue(unit.contains("\nEnvironment=WALL_DISPLAY_STACK=" + stack + "\n"), unit);
      assertTrue(unit.contains("\nRequiresMountsFor=/srv/wall/media\n"), unit);
      Path copy = Files.createDirectories(tmp.resolve("verify-" + stack)).resolve("wall.service");
      Files.writeString(copy, unit);
      Sh.Result verify = Sh.run("systemd-analyze", "verify", "--man=no", copy.toString());
      assertEquals(0, verify.code(), stack + ": " + verify.all());
      assertEquals("", verify.err().strip(), stack + ": systemd-analyze warned: " + verify.all());
    }
    Path windowed = NodeTree.minimal(tmp.resolve("unit-windowed"), NodeTree.WINDOWED);
    Sh.Result refused =
        login(
            false,
            Map.of(),
            "exec wall \"$@\"",
            "setup",
            "autostart",
            "--layout",
            windowed.resolve("home/pi/lobby.json").toString(),
            "--root",
            windowed.toString(),
            "--host",
            "localhost",
            "--user",
            "pi",
            "--display-stack",
            "wayland");
    assertEquals(2, refused.code(), refused.all());
    assertEquals(
        List.of(
            "wall: "
                + windowed.resolve("home/pi/lobby.json")
                + ": screens[0].window: screen left has a window,"
                + " but localhost plays on wayland (--display-stack wayland said so), where a window cannot be placed; remove"
                + " \"window\" to play full screen on its output, or pass --display-stack x11 if the node runs an X11 desktop"),
        refused.err().lines().toList());
    assertFalse(
        Files.exists(windowed.resolve("etc/systemd/system/wall.service")), "nothing written");
  }

  @Test
  @Order(99)
  void removingThePackageLeavesUtilLinuxsWall() throws Exception {
    Sh.Result remove = InstalledPackage.remove();
    assertEquals(0, remove.code(), remove.all());
    assertFalse(Files.exists(Path.of("/opt/wall")), "/opt/wall is gone");
    assertFalse(
        Files.exists(Path.of("/usr/local/bin/wall"), java.nio.file.LinkOption.NOFOLLOW_LINKS),
        "the link is gone");
    assertFalse(
        Files.exists(Path.of("/usr/local/share/man/man1/wall.1.gz")), "the man page is gone");
    assertEquals("/usr/bin/wall\n", login(true, Map.of(), "command -v wall").out());
  }
}
