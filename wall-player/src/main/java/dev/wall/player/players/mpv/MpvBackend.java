package dev.wall.player.players.mpv;

import dev.wall.core.layout.PlayerArgsPolicy;
import dev.wall.core.layout.PlayerKind;
import dev.wall.player.display.DisplayStack;
import dev.wall.player.players.Backend;
import dev.wall.player.players.Board;
import dev.wall.player.players.Capabilities;
import dev.wall.player.players.Decoding;
import dev.wall.player.players.MediaInfo;
import dev.wall.player.players.Player;
import dev.wall.player.players.PlayerException;
import dev.wall.player.players.PlayerSpec;
import dev.wall.player.process.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * mpv: every capability. Its early start is its own process, started from the screen's spec as soon
 * as the rank has its plan; its blank screen an idle mpv window; its thumbnails mpv's {@code
 * screenshot-to-file}, through the running player's IPC socket.
 */
public final class MpvBackend implements Backend {
  private static final Duration BLANK_STOP_GRACE = Duration.ofSeconds(1);

  @Override
  public PlayerKind kind() {
    return PlayerKind.MPV;
  }

  @Override
  public String program() {
    return MpvOptions.DEFAULTS.executable();
  }

  @Override
  public String installHint() {
    return "apt-get install mpv";
  }

  @Override
  public Capabilities capabilities() {
    return MpvPlayer.CAPABILITIES;
  }

  @Override
  public Decoding decoding(
      Board board, DisplayStack.Kind stack, boolean gpu, List<MediaInfo> clips) {
    return MpvDecoding.of(board, stack, gpu, clips);
  }

  @Override
  public PlayerArgsPolicy argsPolicy() {
    return new MpvArgs();
  }

  @Override
  public Player create(PlayerSpec spec) {
    return new MpvPlayer(spec, MpvOptions.DEFAULTS);
  }

  @Override
  public Optional<EarlyStart> startEarly(PlayerSpec spec) {
    try {
      return Optional.of(
          new EarlyStart(MpvPlayer.startFor(spec, MpvOptions.DEFAULTS, "mpv (early) ")));
    } catch (IOException | RuntimeException e) {
      // A window this display stack cannot place, say: the player starts its own and says why.
      return Optional.empty();
    }
  }

  @Override
  public Player create(PlayerSpec spec, EarlyStart early) {
    MpvPlayer player = new MpvPlayer(spec, MpvOptions.DEFAULTS);
    player.adopt(early.process());
    return player;
  }

  @Override
  public void warmUp(Path scratch) {
    MpvPlayer.warmUp(scratch.resolve("warm-up.sock"));
  }

  @Override
  public Optional<BlankScreen> blank(PlayerSpec spec) {
    try {
      ChildProcess mpv = MpvPlayer.startBlank(spec);
      return Optional.of(
          new BlankScreen() {
            @Override
            public long pid() {
              return mpv.pid();
            }

            @Override
            public void close() {
              mpv.stop(BLANK_STOP_GRACE);
            }
          });
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public boolean thumbnail(Path screensDir, String screen, Path picture, Duration deadline) {
    Path socket = MpvPlayer.socketIn(screensDir, screen);
    if (!Files.exists(socket)) {
      return false;
    }
    try {
      MpvPlayer.screenshotThrough(socket, screen, picture, deadline);
      return true;
    } catch (PlayerException e) {
      return false;
    }
  }
}
