package dev.wall.player.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Rect;
import dev.wall.player.display.VirtualDisplay;
import dev.wall.player.playertest.Frames;
import dev.wall.player.testing.Cli;
import dev.wall.player.testing.ClipCache;
import dev.wall.player.testing.Poll;
import dev.wall.player.testing.SshfsShare;
import dev.wall.player.testing.TestDisplay;
import dev.wall.player.testing.WallProcess;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A published {@code --forever} wall starts again without its share (issue 24): the clips on a FUSE
 * share ({@link SshfsShare}) published to a local cache, the wall playing from there; the share's
 * server is stopped (SIGSTOP), then one rank is killed. The supervisor's new job must not wait on
 * the share: from pixels, both screens play again (frame numbers advance) while the share is still
 * stopped, in the same wall process, and {@code wall status} has every screen playing.
 */
class PublishedForeverRestartIT {
  private static final Map<String, Rect> WINDOWS = new LinkedHashMap<>();

  static {
    WINDOWS.put("left", new Rect(0, 0, 320, 180));
    WINDOWS.put("right", new Rect(320, 0, 320, 180));
  }

  @TempDir Path dir;
  private WallProcess wall;

  @AfterEach
  void stop() throws Exception {
    if (wall != null) {
      wall.close();
    }
  }

  @Test
  void aPublishedForeverWallWhoseRankIsKilledStartsAgainWhileItsShareIsStopped() throws Exception {
    SshfsShare.require();
    VirtualDisplay display = TestDisplay.shared();
    Path source = dir.resolve("source");
    Path share = Files.createDirectories(dir.resolve("share"));
    int hue = 0;
    for (Map.Entry<String, Rect> screen : WINDOWS.entrySet()) {
      Rect w = screen.getValue();
      ClipCache.into(source, screen.getKey(), w.width(), w.height(), 5, hue += 70);
    }
    Path layout = dir.resolve("wall.json");
    Files.writeString(layout, SshfsShare.layout(share, WINDOWS, null));
    Path cache = dir.resolve("cache/wall/media");

    try (SshfsShare mounted =
        SshfsShare.mount(source, share, "right.mp4", dir.resolve("sshfs.log"))) {
      Cli published = Cli.run("publish", layout, "--cache", cache.toString());
      assertEquals(0, published.code(), published.out() + published.err());
      Path runDir = dir.resolve("run");
      wall =
          WallProcess.play(
              dir.resolve("wall.log"),
              layout.toString(),
              "--forever",
              "--display",
              display.display(),
              "--run-dir",
              runDir.toString());
      Poll.until(
          Duration.ofSeconds(90),
          Duration.ofMillis(200),
          "both screens playing, their frame numbers readable",
          () ->
              alive()
                  && WallProcess.allPlaying(runDir, WINDOWS.size())
                  && readable(frames(display)));
      assertTrue(
          wall.log().contains("wall: playing from each node's cache (published "),
          wall.lastLines(10));
      long pid = wall.process().pid();

      mounted.stopServer();
      try {
        ProcessHandle rank =
            wall.process()
                .descendants()
                .filter(
                    p ->
                        p.info().commandLine().orElse("").contains("dev.wall.player.rank.RankMain")
                            && !p.info().commandLine().orElse("").startsWith("mpirun")
                            && !p.info().command().orElse("").endsWith("mpv"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no rank to kill"));
        rank.destroyForcibly();
        Poll.until(
            Duration.ofSeconds(30),
            "the supervisor to start the wall again",
            () -> alive() && wall.log().contains("wall: restarting the wall in "));
        Poll.until(
            Duration.ofSeconds(60),
            Duration.ofMillis(250),
            "both screens playing again, the share still stopped",
            () ->
                alive()
                    && wall.log()
                            .lines()
                            .filter(l -> l.contains("screens released together"))
                            .count()
                        >= 2
                    && WallProcess.allPlaying(runDir, WINDOWS.size())
                    && readable(frames(display)));
        int[] before = frames(display);
        Poll.until(
            Duration.ofSeconds(5),
            Duration.ofMillis(200),
            "every screen's frame number to advance",
            () -> {
              int[] now = frames(display);
              for (int i = 0; i < now.length; i++) {
                if (now[i] < 0 || now[i] == before[i]) {
                  return false;
                }
              }
              return true;
            });
        String log = wall.log();
        assertEquals(pid, wall.process().pid(), "the same wall process");
        assertFalse(log.contains("did not answer"), "nothing waited on the share: " + log);
        System.out.println(
            "forever restart without the share: "
                + log.lines().filter(l -> l.startsWith("wall: restarting")).toList()
                + ", then frames "
                + Arrays.toString(before)
                + " advancing");
      } finally {
        mounted.continueServer();
      }
    }
  }

  private boolean alive() throws Exception {
    if (!wall.isAlive()) {
      throw new AssertionError("wall play ended: " + wall.lastLines(10));
    }
    return true;
  }

  private int[] frames(VirtualDisplay display) throws Exception {
    BufferedImage image =
        Frames.grab(display.display(), TestDisplay.WIDTH, TestDisplay.HEIGHT, dir);
    return WINDOWS.values().stream().mapToInt(w -> Frames.frameNumber(image, w)).toArray();
  }

  private static boolean readable(int[] frames) {
    return Arrays.stream(frames).allMatch(f -> f >= 0);
  }
}
