package dev.wall.player.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.player.cli.WallCli;
import dev.wall.player.display.VirtualDisplay;
import dev.wall.player.display.XWindows;
import dev.wall.player.testing.Poll;
import dev.wall.player.testing.TestDisplay;
import dev.wall.player.testing.TestWall;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code wall play} does when a player or a whole rank dies mid-show: a player is replaced in
 * place while the wall plays on; a lost rank ends the run with exit 3.
 */
class FailuresIT {
  @TempDir Path dir;
  private VirtualDisplay display;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void takeDisplay() throws Exception {
    display = TestDisplay.shared();
  }

  /**
   * Many loops, not --forever: a supervised wall would start again after a lost rank (see bench's
   * fault suite).
   */
  private CompletableFuture<Integer> playLong() throws Exception {
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
    return CompletableFuture.supplyAsync(
        () ->
            WallCli.run(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                "play",
                layout.toString(),
                "--loops",
                "1000",
                "--display",
                display.display(),
                "--run-dir",
                dir.resolve("run").toString()));
  }

  /** The first live process that matches, among this JVM's descendants. */
  private static ProcessHandle descendant(Predicate<ProcessHandle> matches) throws Exception {
    return Poll.until(
        Duration.ofSeconds(60),
        "the process to kill",
        () -> {
          Optional<ProcessHandle> found =
              ProcessHandle.current().descendants().filter(matches).findFirst();
          return found.orElse(null);
        });
  }

  private static boolean isMpv(ProcessHandle process) {
    return process
        .info()
        .command()
        .map(c -> Path.of(c).getFileName().toString().equals("mpv"))
        .orElse(false);
  }

  @Test
  void aPlayerThatDiesIsReplacedInPlaceAndTheWallPlaysOn() throws Exception {
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
    CompletableFuture<Integer> play =
        CompletableFuture.supplyAsync(
            () ->
                WallCli.run(
                    new PrintWriter(out, true),
                    new PrintWriter(err, true),
                    "play",
                    layout.toString(),
                    "--loops",
                    "4",
                    "--display",
                    display.display(),
                    "--run-dir",
                    dir.resolve("run").toString()));
    // Mid-show: the first loop has been reported, the second is playing.
    Poll.until(Duration.ofSeconds(60), "the first loop", () -> out.toString().contains("loop 1/4"));
    // The program, not the command line: a rank's own arguments carry its screen's mpv command
    // line.
    ProcessHandle mpv =
        descendant(
            p -> isMpv(p) && p.info().commandLine().orElse("").contains("--title=wall:right"));
    long killed = System.nanoTime();
    mpv.destroyForcibly();

    descendant(
        p ->
            isMpv(p)
                && p.pid() != mpv.pid()
                && p.info().commandLine().orElse("").contains("--title=wall:right"));
    // The X server drops a dead client's window at once; this one is the new player's. (Its id may
    // be the old one's: the server reuses a dead client's resource ids.) Pixels are judged in
    // bench/.
    Poll.until(
        Duration.ofSeconds(10),
        "the new player's window",
        () -> XWindows.list(display.display(), dir).containsKey("wall:right"));
    double back = (System.nanoTime() - killed) / 1e9;
    System.out.printf("a new mpv for the killed one, its window up, %.2f s after the kill%n", back);
    assertTrue(back < 5, "back in " + back + " s");

    int code = play.get(60, TimeUnit.SECONDS);
    assertEquals(0, code, "the wall played every loop:\n" + out + err);
    assertTrue(
        out.toString().contains("screen right on localhost: mpv was killed (SIGKILL)"),
        out.toString());
    assertTrue(out.toString().contains("(1 restart)"), out.toString());
    assertTrue(out.toString().contains("loop 4/4"), out.toString());
    assertTrue(
        out.toString().lines().noneMatch(l -> l.contains("screen left")),
        "nothing happened to left:\n" + out);
    Poll.until(
        Duration.ofSeconds(5),
        "every player gone",
        () -> ProcessHandle.current().descendants().noneMatch(FailuresIT::isMpv));
  }

  @Test
  void aRankThatDiesIsReportedAsLostWithExit3() throws Exception {
    CompletableFuture<Integer> play = playLong();
    Poll.until(
        Duration.ofSeconds(60), "the first loop", () -> out.toString().contains("loop 1/1000"));
    ProcessHandle rank =
        descendant(
            p ->
                p.info().commandLine().orElse("").contains("dev.wall.player.rank.RankMain")
                    && !isMpv(p)
                    && !p.info().commandLine().orElse("").startsWith("mpirun"));
    // Its player is about to be orphaned (no shutdown hook runs on SIGKILL): it must go all the
    // same.
    java.util.List<ProcessHandle> itsPlayers = rank.descendants().toList();
    assertEquals(1, itsPlayers.size(), "the rank's mpv");
    rank.destroyForcibly();

    int code = play.get(30, TimeUnit.SECONDS);
    assertEquals(3, code, err.toString());
    assertTrue(
        err.toString().startsWith("wall: rank "),
        err + Files.readString(dir.resolve("run/mpirun.log")));
    assertTrue(err.toString().contains("was lost"), err.toString());
    Poll.until(
        Duration.ofSeconds(5),
        "the killed rank's player to quit on its lifeline",
        () -> itsPlayers.stream().noneMatch(ProcessHandle::isAlive));
    Poll.until(
        Duration.ofSeconds(5),
        "every other player to be gone",
        () -> ProcessHandle.current().descendants().noneMatch(FailuresIT::isMpv));
  }
}
