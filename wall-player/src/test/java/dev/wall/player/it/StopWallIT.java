package dev.wall.player.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.player.display.VirtualDisplay;
import dev.wall.player.display.XWindows;
import dev.wall.player.testing.Poll;
import dev.wall.player.testing.Project;
import dev.wall.player.testing.TestDisplay;
import dev.wall.player.testing.TestWall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ctrl-C (SIGINT) or SIGTERM to {@code wall play --forever} (its supervisor) stops every rank and
 * player within 5 s, and ends with the documented code: 130 for SIGINT, 143 for SIGTERM.
 */
class StopWallIT {
  @TempDir Path dir;
  private VirtualDisplay display;
  private Process wall;

  @BeforeEach
  void takeDisplay() throws Exception {
    display = TestDisplay.shared();
  }

  @AfterEach
  void tearDown() {
    if (wall != null) {
      wall.descendants().forEach(ProcessHandle::destroyForcibly);
      wall.destroyForcibly();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"INT", "TERM"})
  void aSignalToThePlayCommandStopsEverythingWithinFiveSeconds(String signal) throws Exception {
    Path layout =
        TestWall.write(
            dir,
            null,
            3,
            new java.util.TreeMap<>(
                java.util.Map.of(
                    "left",
                    new dev.wall.core.layout.Rect(0, 0, 320, 180),
                    "right",
                    new dev.wall.core.layout.Rect(320, 0, 320, 180))));
    wall =
        new ProcessBuilder(
                Project.java(),
                "-cp",
                Project.classpath(),
                "dev.wall.player.cli.WallMain",
                "play",
                layout.toString(),
                "--forever",
                "--display",
                display.display(),
                "--run-dir",
                dir.resolve("run").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("wall.log").toFile())
            .start();

    Poll.until(
        Duration.ofSeconds(60),
        "both players' windows",
        () -> {
          if (!wall.isAlive()) {
            throw new AssertionError(
                "wall play ended: " + Files.readString(dir.resolve("wall.log")));
          }
          return XWindows.list(display.display(), dir).keySet().stream()
                  .filter(t -> t.startsWith("wall:"))
                  .count()
              == 2;
        });
    List<ProcessHandle> everything = wall.descendants().toList();
    assertTrue(
        everything.stream().anyMatch(p -> p.info().command().orElse("").endsWith("mpv")),
        "the players are descendants of wall play: " + describe(everything));

    long sent = System.nanoTime();
    new ProcessBuilder("kill", "-" + signal, String.valueOf(wall.pid()))
        .start()
        .waitFor(5, TimeUnit.SECONDS);
    boolean exited = wall.waitFor(5, TimeUnit.SECONDS);
    Poll.until(
        Duration.ofMillis(Math.max(1, 5000 - (System.nanoTime() - sent) / 1_000_000)),
        "every rank and player to be gone",
        () -> everything.stream().noneMatch(ProcessHandle::isAlive));
    double seconds = (System.nanoTime() - sent) / 1e9;

    assertTrue(exited, "wall play still running 5 s after SIG" + signal);
    System.out.printf("SIG%s: everything stopped in %.2f s%n", signal, seconds);
    assertTrue(seconds <= 5.0, "stopped in " + seconds + " s");
    assertEquals(signal.equals("INT") ? 130 : 143, wall.exitValue(), "the documented exit code");
    assertEquals(
        0,
        XWindows.list(display.display(), dir).keySet().stream()
            .filter(t -> t.startsWith("wall:"))
            .count());
    String said = Files.readString(dir.resolve("wall.log"));
    assertTrue(said.contains("wall: stopped; every rank and player was stopped"), said);
    assertFalse(said.contains("lost"), "a stop is not a lost node: " + said);
  }

  private static String describe(List<ProcessHandle> processes) {
    return processes.stream()
        .map(p -> p.pid() + " " + p.info().command().orElse("?"))
        .toList()
        .toString();
  }
}
