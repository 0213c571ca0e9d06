package dev.wall.player.players.mpv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Audio;
import dev.wall.core.layout.Rect;
import dev.wall.player.display.VirtualDisplay;
import dev.wall.player.display.XWindows;
import dev.wall.player.players.Backend;
import dev.wall.player.players.Player;
import dev.wall.player.players.PlayerException;
import dev.wall.player.players.PlayerSpec;
import dev.wall.player.players.SpanCrop;
import dev.wall.player.playertest.Crashes;
import dev.wall.player.playertest.Frames;
import dev.wall.player.playertest.TestMedia;
import dev.wall.player.testing.Poll;
import dev.wall.player.testing.Quiet;
import dev.wall.player.testing.TestDisplay;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real mpv on a real X server (Xvfb), checked from X's window list and from screen pixels. */
class MpvPlayerIT {
  private static final int SCREEN_W = 640;
  private static final int SCREEN_H = 360;
  private static final double FRAME = 1.0 / TestMedia.FPS;

  /**
   * Software output: Xvfb has no GPU, and the default gpu output is slow on a shared 2-core box.
   */
  private static final MpvOptions OPTIONS = new MpvOptions("mpv", null, "x11", null);

  private static VirtualDisplay display;
  private static Path scratch;

  @BeforeAll
  static void startDisplay() throws Exception {
    scratch = TestMedia.workDir("mpv");
    display = TestDisplay.shared();
  }

  @Test
  void windowSitsAtTheLayoutGeometryHoldsFrameZeroAndReleaseStartsIt() throws Exception {
    Rect window = new Rect(48, 36, 384, 216);
    try (MpvPlayer player = player("geometry", TestMedia.barCoded(320, 180, 10), window, null)) {
      long started = System.nanoTime();
      player.prepare(Duration.ofSeconds(30));
      System.out.printf("mpv prepare took %.0f ms%n", (System.nanoTime() - started) / 1e6);

      assertEquals(
          window,
          XWindows.list(display.display(), scratch).get(MpvCommandLine.windowTitle("geometry")));
      Poll.holds(
          Duration.ofMillis(700),
          () -> {
            assertEquals(0, frameShown(window), "frame on screen while prepared");
            assertEquals(0.0, player.position(), 1e-6);
            return null;
          });

      player.release();
      int frame =
          Poll.until(
              Duration.ofSeconds(5),
              "frames to move after release",
              () -> {
                int shown = frameShown(window);
                return shown > 0 ? shown : null;
              });
      assertTrue(player.position() > 0, "position moves after release");
      System.out.println("mpv after release shows frame " + frame);
    }
  }

  @Test
  void seekLandsWithinOneFrame() throws Exception {
    Rect window = new Rect(0, 0, 320, 180);
    try (MpvPlayer player = player("seek", TestMedia.barCoded(320, 180, 10), window, null)) {
      player.prepare(Duration.ofSeconds(30));
      for (double target : List.of(4.5, 1.0, 7.9)) {
        long started = System.nanoTime();
        player.seekTo(target, Duration.ofSeconds(5));
        double took = (System.nanoTime() - started) / 1e6;
        int expected = (int) Math.round(target * TestMedia.FPS);
        int shown = frameShown(window);
        System.out.printf(
            "mpv seek to %.1f s: frame %d (want %d), position %.4f, %.0f ms%n",
            target, shown, expected, player.position(), took);
        assertTrue(
            Math.abs(shown - expected) <= 1, "frame " + shown + " for a seek to frame " + expected);
        assertEquals(target, player.position(), FRAME, "position after the seek");
      }
    }
  }

  /**
   * One run for both 10 s measurements: position against the wall clock at rate 1, then the gain at
   * rate 1.01, which is 100 ms over 10 s.
   */
  @Test
  @Quiet
  void positionTracksWallTimeAndRateTrimGains() throws Exception {
    try (MpvPlayer player =
        player("clock", TestMedia.barCoded(320, 180, 25), new Rect(0, 0, 320, 180), null)) {
      player.prepare(Duration.ofSeconds(30));
      player.release();
      Poll.until(Duration.ofSeconds(5), "playback to start", () -> player.position() > 0.2);

      double[] start = sample(player);
      double worst = 0;
      double[] now = start;
      while (now[0] - start[0] < 10) {
        waitFor(Duration.ofMillis(250));
        now = sample(player);
        double error = (now[1] - start[1]) - (now[0] - start[0]);
        worst = Math.max(worst, Math.abs(error));
      }
      System.out.printf(
          "mpv position vs wall clock over %.1f s: worst %.1f ms%n",
          now[0] - start[0], worst * 1000);
      assertTrue(
          worst <= FRAME,
          "position strays " + worst * 1000 + " ms from the wall clock, over one frame");

      player.setRate(1.01);
      double[] before = sample(player);
      waitFor(Duration.ofSeconds(10));
      double[] after = sample(player);
      double wall = after[0] - before[0];
      double gain = (after[1] - before[1]) - wall;
      double expected = 0.01 * wall;
      System.out.printf(
          "mpv rate 1.01 over %.2f s: gained %.1f ms (expected %.1f)%n",
          wall, gain * 1000, expected * 1000);
      assertEquals(expected, gain, FRAME, "gain at rate 1.01");
    }
  }

  @Test
  void spanCropShowsItsPartOfTheClip() throws Exception {
    Rect window = new Rect(160, 90, 320, 180);
    // Columns 1 and 2 of the top row of a 4 x 2 grid.
    SpanCrop crop = new SpanCrop(0.25, 0, 0.5, 0.5);
    try (MpvPlayer player = player("span", TestMedia.grid(640, 360, 3), window, crop)) {
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
      assertEquals(
          "---", Frames.colourAt(image, window.x() - 10, window.y() + 10), "outside the window");
    }
  }

  @Test
  void killedPlayerIsReportedWithinOneSecondWithTheScreenName() throws Exception {
    try (MpvPlayer player =
        player("crash", TestMedia.barCoded(320, 180, 10), new Rect(0, 0, 320, 180), null)) {
      player.prepare(Duration.ofSeconds(30));
      String message = Crashes.killAndAwaitReport(player, player.pid(), "mpv");
      assertTrue(message.startsWith("crash: mpv was killed (SIGKILL): "), message);
      assertTrue(
          message.length() > "crash: mpv was killed (SIGKILL): ".length(),
          "with its last log lines");
    }
  }

  @Test
  void aRequestToAPlayerThatDiedSaysItDiedNotThatThePipeBroke() throws Exception {
    try (MpvPlayer player =
        player("dead", TestMedia.barCoded(320, 180, 10), new Rect(0, 0, 320, 180), null)) {
      player.prepare(Duration.ofSeconds(30));
      ProcessHandle mpv = ProcessHandle.of(player.pid()).orElseThrow();
      mpv.destroyForcibly();
      mpv.onExit().get(5, TimeUnit.SECONDS);
      PlayerException failure =
          org.junit.jupiter.api.Assertions.assertThrows(PlayerException.class, player::pause);
      assertTrue(
          failure.getMessage().startsWith("dead: mpv was killed (SIGKILL): "),
          failure.getMessage());
    }
  }

  @Test
  void theBackendsEarlyStartIsTakenOverByItsPlayerAndOneThatDiedIsReplaced() throws Exception {
    Rect window = new Rect(0, 0, 320, 180);
    PlayerSpec spec =
        new PlayerSpec(
            "early",
            TestMedia.barCoded(320, 180, 10),
            window,
            0,
            null,
            Audio.NONE,
            List.of(),
            TestMedia.workDir("mpv-early"),
            Map.of("DISPLAY", display.display()));
    MpvBackend backend = new MpvBackend();
    Backend.EarlyStart early = backend.startEarly(spec).orElseThrow();
    try (Player player = backend.create(spec, early)) {
      player.prepare(Duration.ofSeconds(30));
      assertEquals(
          early.process().pid(), ((MpvPlayer) player).pid(), "the early mpv is the player");
      assertEquals(0, frameShown(window), "and it holds frame 0");
    }
    assertTrue(early.process().process().waitFor(5, TimeUnit.SECONDS), "stopped with the player");

    Backend.EarlyStart died = backend.startEarly(spec).orElseThrow();
    died.process().stop(Duration.ofSeconds(2));
    try (Player player = backend.create(spec, died)) {
      player.prepare(Duration.ofSeconds(30));
      assertTrue(((MpvPlayer) player).pid() != died.process().pid(), "the player runs its own");
      assertEquals(0, frameShown(window));
    }
  }

  @Test
  void aPlaylistOfEqualItemsIsOneTimelineWhoseItemsStartWhereTheChaptersSay() throws Exception {
    Rect window = new Rect(0, 0, 320, 180);
    List<Path> items =
        List.of(TestMedia.barCoded(320, 180, 2), TestMedia.barCoded(320, 180, 2, 5000));
    try (MpvPlayer player = playlist("timeline", items, window, true)) {
      player.prepare(Duration.ofSeconds(30));
      assertEquals(1, player.steps(), "one step: no seam between the items");
      assertEquals(4.0, player.duration(), FRAME, "the timeline is both items");
      assertEquals(
          List.of(0.0, 2.0),
          player.itemStarts().stream().map(t -> Math.round(t * 1000) / 1000.0).toList());
      assertEquals(0, frameShown(window));
      player.seekTo(2.0, Duration.ofSeconds(5));
      assertEquals(5000, frameShown(window), "2 s in is item 2's first frame");
      player.seekTo(1.0, Duration.ofSeconds(5));
      assertEquals(30, frameShown(window));
    }
  }

  @Test
  void itemByItemTheNextItemIsShownPausedOnItsFirstFrameAndTheStepIsItsClip() throws Exception {
    Rect window = new Rect(0, 0, 320, 180);
    List<Path> items =
        List.of(TestMedia.barCoded(320, 180, 2), TestMedia.barCoded(320, 180, 3, 5000));
    try (MpvPlayer player = playlist("items", items, window, false)) {
      player.prepare(Duration.ofSeconds(30));
      assertEquals(2, player.steps());
      assertEquals(2.0, player.duration(), FRAME, "step 1 is item 1");
      player.release();
      Poll.until(Duration.ofSeconds(10), "item 1 to end, held", player::reachedEnd);
      assertEquals(59, frameShown(window), "its last frame stays on screen");
      player.pause();
      player.showStep(1, Duration.ofSeconds(10));
      assertEquals(5000, frameShown(window), "item 2's first frame, paused");
      assertEquals(0.0, player.position(), FRAME);
      assertEquals(3.0, player.duration(), FRAME, "step 2 is item 2");
      Poll.holds(
          Duration.ofMillis(300),
          () -> {
            assertEquals(5000, frameShown(window), "held until released");
            return null;
          });
      player.release();
      Poll.until(Duration.ofSeconds(5), "item 2 to play", () -> frameShown(window) > 5000);
      player.pause();
      player.showStep(0, Duration.ofSeconds(10));
      assertEquals(0, frameShown(window), "back to item 1 for the next loop");
    }
  }

  private MpvPlayer playlist(String name, List<Path> items, Rect window, boolean oneTimeline)
      throws Exception {
    PlayerSpec spec =
        new PlayerSpec(
            name,
            items,
            window,
            0,
            null,
            Audio.NONE,
            List.of(),
            TestMedia.workDir("mpv-" + name),
            Map.of("DISPLAY", display.display()),
            oneTimeline);
    return new MpvPlayer(spec, OPTIONS);
  }

  @Test
  void aClipMpvCannotOpenIsToldAsSuchNotAsATimeout() throws Exception {
    Path junk = scratch.resolve("junk.mp4");
    java.nio.file.Files.writeString(junk, "not a video at all\n".repeat(100));
    // Started with the file on its command line, as every first player is: mpv fails before the
    // wall connects, so no end-file event is heard.
    try (MpvPlayer player = player("junk", junk, new Rect(0, 0, 160, 90), null)) {
      PlayerException failure =
          org.junit.jupiter.api.Assertions.assertThrows(
              PlayerException.class, () -> player.prepare(Duration.ofSeconds(30)));
      assertTrue(
          failure.getMessage().startsWith("junk: mpv could not play " + junk),
          failure.getMessage());
    }
  }

  private MpvPlayer player(String name, Path clip, Rect window, SpanCrop crop) throws Exception {
    PlayerSpec spec =
        new PlayerSpec(
            name,
            clip,
            window,
            0,
            crop,
            Audio.NONE,
            List.of(),
            TestMedia.workDir("mpv-" + name),
            Map.of("DISPLAY", display.display()));
    return new MpvPlayer(spec, OPTIONS);
  }

  private int frameShown(Rect window) throws Exception {
    return Frames.frameShown(display.display(), SCREEN_W, SCREEN_H, window, scratch);
  }

  /**
   * {wall seconds, position}, the wall time taken half-way through the call. A call that took over
   * a millisecond (this thread was not scheduled) is taken again: its time is not known well
   * enough.
   */
  private static double[] sample(MpvPlayer player) throws Exception {
    while (true) {
      long before = System.nanoTime();
      double position = player.position();
      long after = System.nanoTime();
      if (after - before < 1_000_000) {
        return new double[] {(before + after) / 2e9, position};
      }
    }
  }

  /** Lets wall time pass in a test that measures it; polls the clock, not a sleep. */
  private static void waitFor(Duration duration) throws Exception {
    long end = System.nanoTime() + duration.toNanos();
    Poll.until(duration.plusSeconds(1), "time to pass", () -> System.nanoTime() >= end);
  }
}
