package dev.wall.player.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Rect;
import dev.wall.core.sync.ScreenState;
import dev.wall.player.display.VirtualDisplay;
import dev.wall.player.testing.ClipCache;
import dev.wall.player.testing.Poll;
import dev.wall.player.testing.SshfsShare;
import dev.wall.player.testing.TestDisplay;
import dev.wall.player.testing.WallProcess;
import dev.wall.player.wire.WallStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wall that plays from a media share whose server stops answering mid-show (issue 24): a FUSE
 * share (sshfs in passive mode, its SFTP server joined to it by this test instead of over ssh)
 * whose traffic is held back, so that reads from it hang as on a hard NFS mount whose server is
 * gone. The players get only a small read-ahead, so that they need the share within seconds, as
 * with clips larger than their cache. Within 10 s {@code wall status} names the share, no screen
 * passes for playing, and when the server goes on the wall plays again by itself.
 */
class ShareGoneIT {
  /** In rank order: left, right. */
  private static final Map<String, Rect> WINDOWS =
      new TreeMap<>(Map.of("left", new Rect(0, 0, 320, 180), "right", new Rect(320, 0, 320, 180)));

  @TempDir Path dir;

  @Test
  void aShareThatStopsAnsweringIsNamedWithinTenSecondsAndTheWallComesBackWithIt() throws Exception {
    SshfsShare.require();
    VirtualDisplay display = TestDisplay.shared();
    Path source = dir.resolve("source");
    Path share = Files.createDirectories(dir.resolve("share"));
    ClipCache.into(source, "left", 320, 180, 20, 70);
    ClipCache.into(source, "right", 320, 180, 20, 140);
    Path layout = dir.resolve("wall.json");
    Files.writeString(layout, SshfsShare.layout(share, WINDOWS, 1000));

    try (SshfsShare mounted =
        SshfsShare.mount(source, share, "right.mp4", dir.resolve("sshfs.log"))) {
      playAndStop(display, layout, mounted);
    }
  }

  private void playAndStop(VirtualDisplay display, Path layout, SshfsShare mounted)
      throws Exception {
    Path share = mounted.mountPoint();
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
          "both screens playing 2 s into the clip",
          () -> {
            if (!wall.isAlive()) {
              throw new AssertionError("wall play ended: " + wall.lastLines(10));
            }
            return WallProcess.screens(runDir)
                .filter(
                    s ->
                        s.stream()
                            .allMatch(
                                x ->
                                    x.state() == ScreenState.PLAYING
                                        && x.position() != null
                                        && x.position() > 2))
                .isPresent();
          });

      mounted.hold();
      long stopped = System.nanoTime();
      try {
        List<WallStatus.Screen> named =
            Poll.until(
                Duration.ofSeconds(20),
                "every screen named as waiting on the share",
                () ->
                    WallProcess.screens(runDir)
                        .filter(
                            s ->
                                s.stream()
                                    .allMatch(
                                        x ->
                                            x.state() != ScreenState.PLAYING
                                                && x.lastError() != null
                                                && x.lastError().contains("does not answer")
                                                && x.lastError().contains(share.toString())))
                        .orElse(null));
        double seconds = (System.nanoTime() - stopped) / 1e9;
        System.out.printf(
            "the share named %.1f s after its server stopped: %s%n",
            seconds, named.get(0).lastError());
        assertTrue(seconds <= 10, "named after " + seconds + " s");
      } finally {
        mounted.release();
      }
      long resumed = System.nanoTime();
      Poll.until(
          Duration.ofSeconds(60),
          "both screens playing again",
          () ->
              WallProcess.screens(runDir)
                  .filter(s -> s.stream().allMatch(x -> x.state() == ScreenState.PLAYING))
                  .isPresent());
      System.out.printf(
          "playing again %.1f s after the share's server went on%n",
          (System.nanoTime() - resumed) / 1e9);
      assertTrue(wall.isAlive(), "the wall played on: " + wall.lastLines(10));
    }
  }
}
