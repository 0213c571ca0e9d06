package dev.wall.player.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Rect;
import dev.wall.core.sync.ScreenState;
import dev.wall.player.display.VirtualDisplay;
import dev.wall.player.playertest.Frames;
import dev.wall.player.testing.Cli;
import dev.wall.player.testing.ClipCache;
import dev.wall.player.testing.Poll;
import dev.wall.player.testing.SshfsShare;
import dev.wall.player.testing.TestDisplay;
import dev.wall.player.testing.WallProcess;
import dev.wall.player.wire.WallStatus;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A published wall plays on without its share (issue 24): the clips on a FUSE share ({@link
 * SshfsShare}), {@code wall publish --cache DIR} puts them in a local cache, {@code wall play}
 * plays from there; then the share's server is stopped (SIGSTOP) for longer than two loops. From
 * pixels, every screen's frame number keeps advancing across the loop seams, and no screen is
 * anything but playing. The players get the small read-ahead that freezes a wall playing from the
 * share within seconds ({@code ShareGoneIT}), so a read of the share would show.
 */
class PublishedShareGoneIT {
  private static final double CLIP_SECONDS = 5;
  private static final Duration SHARE_GONE_FOR = Duration.ofSeconds(17);

  /**
   * The longest two screenshots in a row may show a screen on one frame while the share is gone: a
   * frozen screen shows one for seconds, a playing one holds a frame at a seam at most.
   */
  private static final double LONGEST_HOLD_SECONDS = 1.0;

  private static final Map<String, Rect> WINDOWS = new LinkedHashMap<>();

  static {
    WINDOWS.put("left", new Rect(0, 0, 320, 180));
    WINDOWS.put("right", new Rect(320, 0, 320, 180));
  }

  @TempDir Path dir;

  /** One screenshot's reading: when, and each screen's frame number (-1: unreadable). */
  private record Sample(double seconds, int[] frames) {}

  @Test
  void aPublishedWallPlaysOnWhileItsSharesServerIsStopped() throws Exception {
    SshfsShare.require();
    VirtualDisplay display = TestDisplay.shared();
    Path source = dir.resolve("source");
    Path share = Files.createDirectories(dir.resolve("share"));
    int hue = 0;
    for (Map.Entry<String, Rect> screen : WINDOWS.entrySet()) {
      Rect w = screen.getValue();
      ClipCache.into(source, screen.getKey(), w.width(), w.height(), CLIP_SECONDS, hue += 70);
    }
    Path layout = dir.resolve("wall.json");
    Files.writeString(layout, SshfsShare.layout(share, WINDOWS, 1000));
    Path cache = dir.resolve("cache/wall/media");

    try (SshfsShare mounted =
        SshfsShare.mount(source, share, "right.mp4", dir.resolve("sshfs.log"))) {
      Cli published = Cli.run("publish", layout, "--cache", cache.toString());
      assertEquals(0, published.code(), published.out() + published.err());
      assertTrue(published.out().contains("every node holds its clips, verified"), published.out());

      Path runDir = dir.resolve("run");
      try (WallProcess wall =
          WallProcess.play(
              dir.resolve("wall.log"),
              layout.toString(),
              "--display",
              display.display(),
              "--run-dir",
              runDir.toString())) {
        Poll.until(
            Duration.ofSeconds(90),
            Duration.ofMillis(200),
            "both screens playing, their frame numbers readable",
            () -> {
              if (!wall.isAlive()) {
                throw new AssertionError("wall play ended: " + wall.lastLines(10));
              }
              return WallProcess.allPlaying(runDir, WINDOWS.size()) && readable(frames(display));
            });
        String log = wall.log();
        assertTrue(
            log.contains("wall: playing from each node's cache (published "),
            "wall play said where it plays from: " + wall.lastLines(10));

        List<Sample> samples = new ArrayList<>();
        mounted.stopServer();
        try {
          long stopped = System.nanoTime();
          Poll.holds(
              SHARE_GONE_FOR,
              () -> {
                samples.add(new Sample((System.nanoTime() - stopped) / 1e9, frames(display)));
                List<WallStatus.Screen> screens = WallProcess.screens(runDir).orElseThrow();
                for (WallStatus.Screen screen : screens) {
                  assertEquals(
                      ScreenState.PLAYING,
                      screen.state(),
                      screen.name() + " with the share gone: " + screen.lastError());
                }
                return null;
              });
          Cli status = Cli.run("status", "--run-dir", runDir.toString());
          assertFalse(
              status.out().contains("recovering") || status.out().contains("given up"),
              status.out());
          assertTrue(wall.isAlive(), "the wall played on: " + wall.lastLines(10));
        } finally {
          mounted.continueServer();
        }
        assertKeptMoving(samples);
      }
    }
  }

  /**
   * Every screen moved between one screenshot and the next: no two in a row show one frame for
   * longer than {@link #LONGEST_HOLD_SECONDS}; and each went on across the loop seams.
   */
  private static void assertKeptMoving(List<Sample> samples) {
    List<String> names = List.copyOf(WINDOWS.keySet());
    double covered = samples.get(samples.size() - 1).seconds() - samples.get(0).seconds();
    assertTrue(covered >= 15, "screenshots over " + covered + " s");
    assertTrue(samples.size() >= covered, "a screenshot a second at least: " + samples.size());
    for (int s = 0; s < names.size(); s++) {
      int last = -1;
      double sameSince = 0;
      double longestHold = 0;
      int seams = 0;
      int unreadable = 0;
      StringBuilder seen = new StringBuilder();
      for (Sample sample : samples) {
        int frame = sample.frames()[s];
        seen.append(String.format(java.util.Locale.ROOT, " %.1f:%d", sample.seconds(), frame));
        if (frame < 0) {
          unreadable++;
          continue;
        }
        if (frame == last) {
          longestHold = Math.max(longestHold, sample.seconds() - sameSince);
        } else {
          if (last >= 0 && frame < last) {
            seams++;
          }
          sameSince = sample.seconds();
          last = frame;
        }
      }
      String screen = names.get(s) + ":" + seen;
      System.out.printf(
          "%s: %d screenshots, longest on one frame %.2f s, %d seams, %d unreadable%n",
          names.get(s), samples.size(), longestHold, seams, unreadable);
      assertTrue(longestHold <= LONGEST_HOLD_SECONDS, "kept moving: " + screen);
      assertTrue(seams >= 2, "played on across the loop seams: " + screen);
      assertTrue(unreadable * 10 <= samples.size(), "frame numbers readable: " + screen);
    }
  }

  private int[] frames(VirtualDisplay display) throws Exception {
    BufferedImage image =
        Frames.grab(display.display(), TestDisplay.WIDTH, TestDisplay.HEIGHT, dir);
    return WINDOWS.values().stream().mapToInt(w -> Frames.frameNumber(image, w)).toArray();
  }

  private static boolean readable(int[] frames) {
    for (int frame : frames) {
      if (frame < 0) {
        return false;
      }
    }
    return true;
  }
}
