package dev.wall.player.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Audio;
import dev.wall.core.layout.Rect;
import dev.wall.core.sync.RankStatus;
import dev.wall.core.sync.ScreenState;
import dev.wall.player.display.VirtualDisplay;
import dev.wall.player.players.Player;
import dev.wall.player.players.PlayerSpec;
import dev.wall.player.players.mpv.MpvOptions;
import dev.wall.player.players.mpv.MpvPlayer;
import dev.wall.player.players.omxplayer.FakeOmxplayer;
import dev.wall.player.players.omxplayer.OmxplayerOptions;
import dev.wall.player.players.omxplayer.OmxplayerPlayer;
import dev.wall.player.players.vlc.VlcOptions;
import dev.wall.player.players.vlc.VlcPlayer;
import dev.wall.player.playertest.TestMedia;
import dev.wall.player.testing.Poll;
import dev.wall.player.testing.Quiet;
import dev.wall.player.testing.TestDisplay;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same recovery for every backend, with real players: a player killed mid-clip is replaced by a
 * new one, released where the wall is, within 5 s. The wall is the clock a rank would hear from
 * rank 0 ({@link WallClock}), moving at rate 1 from the release.
 */
@Quiet
class ScreenKeeperIT {
  private static final Rect WINDOW = new Rect(0, 0, 320, 180);
  private static VirtualDisplay display;

  @BeforeAll
  static void startDisplay() throws Exception {
    display = TestDisplay.shared();
  }

  @Test
  void aKilledMpvIsReplacedWhereTheWallIs() throws Exception {
    Path dir = TestMedia.workDir("keeper-mpv");
    recovers(
        "mpv",
        spec -> new MpvPlayer(spec, new MpvOptions("mpv", null, "x11", null)),
        player -> ((MpvPlayer) player).pid(),
        dir,
        Map.of("DISPLAY", display.display()),
        0.1);
  }

  @Test
  void aKilledOmxplayerIsReplacedWhereTheWallIs() throws Exception {
    Path dir = TestMedia.workDir("keeper-omx");
    FakeOmxplayer fake = FakeOmxplayer.install(dir);
    OmxplayerOptions options = OmxplayerOptions.DEFAULTS.withExecutable(fake.executable.toString());
    recovers(
        "omxplayer",
        spec -> new OmxplayerPlayer(spec, options),
        player -> ((OmxplayerPlayer) player).pid(),
        dir,
        fake.environment(600),
        0.2);
  }

  @Test
  void aKilledVlcIsReplacedWhereTheWallIs() throws Exception {
    Path dir = TestMedia.workDir("keeper-vlc");
    VlcOptions options = VlcOptions.DEFAULTS.withRunAsUser("wall-test").withVout("xcb_x11");
    // Whole seconds: VLC seeks to and tells the nearest second, no finer.
    recovers(
        "VLC",
        spec -> new VlcPlayer(spec, options),
        player -> ((VlcPlayer) player).pid(),
        dir,
        Map.of("DISPLAY", display.display()),
        1.5);
  }

  /**
   * Plays a 25 s clip released with the wall, kills its player 3 s in, and checks that a new one
   * plays within 5 s, where the wall is (to {@code tolerance} s), and the screen's health says so.
   */
  private static void recovers(
      String kind,
      Function<PlayerSpec, Player> backend,
      ToLongFunction<Player> pid,
      Path dir,
      Map<String, String> environment,
      double tolerance)
      throws Exception {
    PlayerSpec spec =
        new PlayerSpec(
            "keeper",
            TestMedia.barCoded(320, 180, 25),
            WINDOW,
            0,
            null,
            Audio.NONE,
            List.of(),
            dir,
            environment);
    WallClock clock = new WallClock(false);
    try (ScreenKeeper keeper =
        new ScreenKeeper(
            "keeper", () -> backend.apply(spec), () -> null, clock, ScreenKeeper.Policy.DEFAULTS)) {
      Player first = backend.apply(spec);
      first.prepare(Duration.ofSeconds(30));
      keeper.adoptFirst(first, null);
      keeper.atSeam();
      first.release();
      long released = System.nanoTime();
      Thread rounds =
          new Thread(
              () -> {
                while (!Thread.currentThread().isInterrupted()) {
                  long now = System.nanoTime();
                  clock.playing((now - released) / 1e9, now);
                  java.util.concurrent.locks.LockSupport.parkNanos(200_000_000);
                }
              },
              "rounds");
      rounds.setDaemon(true);
      rounds.start();
      try {
        Poll.until(
            Duration.ofSeconds(10),
            "3 s of play",
            () -> System.nanoTime() - released > 3_000_000_000L);
        long oldPid = pid.applyAsLong(first);
        long killed = System.nanoTime();
        ProcessHandle.of(oldPid).orElseThrow().destroyForcibly();
        Player next =
            Poll.until(
                Duration.ofSeconds(5),
                kind + " replaced and playing",
                () -> {
                  Player now = keeper.playing();
                  return now != null && now != first ? now : null;
                });
        double back = (System.nanoTime() - killed) / 1e9;
        double wall = (System.nanoTime() - released) / 1e9;
        double position = next.position();
        System.out.printf(
            Locale.ROOT,
            "%s killed: a new one plays %.2f s later, at %.2f s, the wall at %.2f s%n",
            kind,
            back,
            position,
            wall);
        assertNotSame(first, next);
        assertTrue(
            ProcessHandle.of(oldPid).map(p -> !p.isAlive()).orElse(true), "the old one is gone");
        assertTrue(
            Math.abs(position - wall) <= tolerance,
            "where the wall is: " + position + " vs " + wall);
        RankStatus.Health health = keeper.health();
        assertEquals(ScreenState.PLAYING, health.state());
        assertEquals(1, health.restarts());
        assertTrue(health.lastError().contains("was killed (SIGKILL)"), health.lastError());
      } finally {
        rounds.interrupt();
      }
    }
  }
}
