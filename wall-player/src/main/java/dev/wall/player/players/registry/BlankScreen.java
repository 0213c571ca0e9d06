package dev.wall.player.players.registry;

import dev.wall.player.players.Executables;
import dev.wall.player.players.PlayerSpec;
import dev.wall.player.players.mpv.MpvPlayer;
import dev.wall.player.process.ChildProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Black in a screen's place, for a screen that was given up: its player is gone, and what lies
 * beneath its window (a desktop, a console) is not for visitors. An idle mpv window at the screen's
 * place, with nothing loaded, whatever the screen's player: mpv is on every node but a legacy
 * omxplayer one (where nothing is shown, and the console stays beneath). Tied to the rank by mpv's
 * lifeline, like a player.
 */
public final class BlankScreen implements AutoCloseable {
  private static final Duration STOP_GRACE = Duration.ofSeconds(1);

  private final ChildProcess mpv;

  private BlankScreen(ChildProcess mpv) {
    this.mpv = mpv;
  }

  /** Shows black where {@code spec}'s screen is; empty where mpv is not installed or would not start. */
  public static Optional<BlankScreen> show(PlayerSpec spec) {
    if (!Executables.installed(BackendOptions.DEFAULTS.mpv().executable())) {
      return Optional.empty();
    }
    try {
      return Optional.of(new BlankScreen(MpvPlayer.startBlank(spec)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public long pid() {
    return mpv.pid();
  }

  @Override
  public void close() {
    mpv.stop(STOP_GRACE);
  }
}
