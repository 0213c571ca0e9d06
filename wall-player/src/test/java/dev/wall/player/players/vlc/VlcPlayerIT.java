package dev.wall.player.players.vlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Audio;
import dev.wall.core.layout.Rect;
import dev.wall.player.display.VirtualDisplay;
import dev.wall.player.display.XWindows;
import dev.wall.player.players.Capabilities;
import dev.wall.player.players.PlayerException;
import dev.wall.player.players.PlayerSpec;
import dev.wall.player.players.SpanCrop;
import dev.wall.player.playertest.Crashes;
import dev.wall.player.playertest.Frames;
import dev.wall.player.playertest.RankKills;
import dev.wall.player.playertest.TestMedia;
import dev.wall.player.testing.Poll;
import dev.wall.player.testing.TestDisplay;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real cvlc on Xvfb. VLC refuses root, so as root (CI) it runs as the unprivileged user that
 * {@code bin/bootstrap --test} creates.
 */
class VlcPlayerIT {
  private static final String TEST_USER = "wall-test";
  private static final int SCREEN_W = 640;
  private static final int SCREEN_H = 360;
  private static final VlcOptions OPTIONS =
      VlcOptions.DEFAULTS.withRunAsUser(TEST_USER).withVout("xcb_x11");

  private static VirtualDisplay display;
  private static Path scratch;

  @BeforeAll
  static void startDisplay() throws Exception {
    assertTrue(userExists(), "user " + TEST_USER + " is missing: run bin/bootstrap --test");
    scratch = TestMedia.workDir("vlc");
    display = TestDisplay.shared();
  }

  @Test
  void windowInPlaceStartsPausedReleasesAndCountsWholeSeconds() throws Exception {
    // Not the clip's own size or place: VLC has to be sized and moved.
    Rect window = new Rect(64, 48, 384, 216);
    try (VlcPlayer player = player("geometry", TestMedia.barCoded(320, 180, 10), window)) {
      long started = System.nanoTime();
      player.prepare(Duration.ofSeconds(30));
      System.out.printf("vlc prepare took %.0f ms%n", (System.nanoTime() - started) / 1e6);

      assertEquals(
          window,
          XWindows.list(display.display(), scratch).get(VlcCommandLine.windowTitle("geometry")));
      Poll.holds(
          Duration.ofMillis(700),
          () -> {
            assertEquals(0, frameShown(window), "frame on screen while prepared");
            assertEquals(0.0, player.position());
            return null;
          });

      player.release();
      long released = System.nanoTime();
      Poll.until(
          Duration.ofSeconds(5), "frames to move after release", () -> frameShown(window) > 0);
      double worst = 0;
      double elapsed = 0;
      while (elapsed < 4) {
        double position = player.position();
        elapsed = (System.nanoTime() - released) / 1e9;
        // Whole seconds, so position <= elapsed < position + 1, give or take start-up time.
        double error = position - elapsed;
        worst = Math.max(worst, Math.abs(error < 0 ? Math.min(0, error + 1) : error));
        assertTrue(
            error > -1.5 && error < 0.5, "position " + position + " s after " + elapsed + " s");
      }
      System.out.printf(
          "vlc whole-second position vs wall clock: worst %.0f ms beyond the 1 s step%n",
          worst * 1000);
      assertTrue(player.capabilities().positionResolutionSeconds() >= 1.0);
    }
  }

  @Test
  void holdsTheLastFrameAndSeekBackStartsTheNextLoopPaused() throws Exception {
    Rect window = new Rect(0, 0, 320, 180);
    try (VlcPlayer player = player("loop", TestMedia.barCoded(320, 180, 2), window)) {
      player.prepare(Duration.ofSeconds(30));
      player.release();
      Poll.until(Duration.ofSeconds(10), "the held last frame", player::reachedEnd);
      int last = frameShown(window);
      System.out.println("vlc held last frame " + last + " of 60");
      assertTrue(last >= 55 && last < 60, "last frame " + last);

      player.pause();
      player.seekTo(0, Duration.ofSeconds(10));
      // VLC's rc does not say when the frame is on screen, only that the seek is done.
      Poll.until(
          Duration.ofSeconds(2),
          "frame 0 on screen after the seek back",
          () -> frameShown(window) == 0);
      assertEquals(
          window,
          XWindows.list(display.display(), scratch).get(VlcCommandLine.windowTitle("loop")),
          "the window stays in place");
      player.release();
      Poll.until(Duration.ofSeconds(5), "the next loop to play", () -> frameShown(window) > 0);
    }
  }

  @Test
  void spanCropShowsItsPartOfTheClip() throws Exception {
    Rect window = new Rect(160, 90, 320, 180);
    // Columns 1 and 2 of the top row of a 4 x 2 grid.
    SpanCrop crop = new SpanCrop(0.25, 0, 0.5, 0.5);
    try (VlcPlayer player = player("span", TestMedia.grid(640, 360, 3), window, crop)) {
      player.prepare(Duration.ofSeconds(30));
      BufferedImage image = Frames.grab(display.display(), SCREEN_W, SCREEN_H, scratch);
      int left = window.x() + window.width() / 4;
      int right = window.x() + 3 * window.width() / 4;
      for (int y :
          new int[] {window.y() + 20, window.y() + window.height() / 2, window.bottom() - 20}) {
        assertEquals(
            TestMedia.gridColour(1, 0), Frames.colourAt(image, left, y), "left half at y " + y);
        assertEquals(
            TestMedia.gridColour(2, 0), Frames.colourAt(image, right, y), "right half at y " + y);
      }
    }
  }

  @Test
  void refusesRateTrimsItCannotDo() throws Exception {
    try (VlcPlayer player =
        player("rate", TestMedia.barCoded(320, 180, 2), new Rect(0, 0, 320, 180))) {
      assertEquals(false, player.capabilities().trimsRate());
      player.setRate(1.0);
      PlayerException refused =
          org.junit.jupiter.api.Assertions.assertThrows(
              PlayerException.class, () -> player.setRate(1.01));
      assertTrue(refused.getMessage().startsWith("rate: VLC cannot trim"), refused.getMessage());
    }
  }

  @Test
  void killedVlcIsReportedWithinOneSecondWithTheScreenName() throws Exception {
    try (VlcPlayer player =
        player("crash", TestMedia.barCoded(320, 180, 10), new Rect(0, 0, 320, 180))) {
      player.prepare(Duration.ofSeconds(30));
      String message = Crashes.killAndAwaitReport(player, player.pid(), "vlc");
      assertTrue(message.startsWith("crash: VLC was killed (SIGKILL)"), message);
      assertTrue(message.endsWith("Killed"), "with its last log lines: " + message);
    }
  }

  @Test
  void aPlaylistGoesItemByItemEachItemAVlcOfItsOwnPausedOnItsFirstFrame() throws Exception {
    Rect window = new Rect(0, 0, 320, 180);
    List<Path> items =
        List.of(TestMedia.barCoded(320, 180, 2), TestMedia.barCoded(320, 180, 2, 5000));
    PlayerSpec spec =
        new PlayerSpec(
            "items",
            items,
            window,
            0,
            null,
            Audio.NONE,
            List.of(),
            TestMedia.workDir("vlc-items"),
            Map.of("DISPLAY", display.display()),
            true);
    try (VlcPlayer player = new VlcPlayer(spec, OPTIONS)) {
      assertEquals(Capabilities.ItemSwitch.RESTARTS, player.capabilities().itemSwitch());
      assertEquals(false, player.capabilities().playsTimeline());
      player.prepare(Duration.ofSeconds(30));
      assertEquals(
          2, player.steps(), "VLC cannot play a timeline: item by item, even for equal items");
      assertEquals(0, frameShown(window));
      player.showStep(1, Duration.ofSeconds(30));
      Poll.until(Duration.ofSeconds(5), "item 2's first frame", () -> frameShown(window) == 5000);
      player.release();
      Poll.until(Duration.ofSeconds(5), "item 2 to play", () -> frameShown(window) > 5000);
    }
  }

  @Test
  void aRankKilledBySigkillLeavesNoVlcBehind() throws Exception {
    Path dir = TestMedia.workDir("vlc-rank-killed");
    double took =
        RankKills.killAndAwaitNoneLeft(
            dir,
            "vlc",
            dir.toString(),
            TestMedia.barCoded(320, 180, 10).toString(),
            display.display(),
            TEST_USER);
    assertTrue(took < 5, "gone in " + took + " s");
  }

  private VlcPlayer player(String name, Path clip, Rect window) throws Exception {
    return player(name, clip, window, null);
  }

  private VlcPlayer player(String name, Path clip, Rect window, SpanCrop crop) throws Exception {
    PlayerSpec spec =
        new PlayerSpec(
            name,
            clip,
            window,
            0,
            crop,
            Audio.NONE,
            List.of(),
            TestMedia.workDir("vlc-" + name),
            Map.of("DISPLAY", display.display()));
    return new VlcPlayer(spec, OPTIONS);
  }

  private int frameShown(Rect window) throws Exception {
    return Frames.frameShown(display.display(), SCREEN_W, SCREEN_H, window, scratch);
  }

  private static boolean userExists() throws Exception {
    Process id =
        new ProcessBuilder("id", "-u", TEST_USER)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    return id.waitFor(10, TimeUnit.SECONDS) && id.exitValue() == 0;
  }
}
