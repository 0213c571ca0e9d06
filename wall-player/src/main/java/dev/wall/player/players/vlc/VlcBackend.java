package dev.wall.player.players.vlc;

import dev.wall.core.layout.PlayerArgsPolicy;
import dev.wall.core.layout.PlayerKind;
import dev.wall.player.display.DisplayStack;
import dev.wall.player.players.Backend;
import dev.wall.player.players.Board;
import dev.wall.player.players.Capabilities;
import dev.wall.player.players.Decoding;
import dev.wall.player.players.MediaInfo;
import dev.wall.player.players.Player;
import dev.wall.player.players.PlayerSpec;
import java.util.List;

/** VLC: plays, but offers no early start, blank screen or thumbnails, and no rate trimming. */
public final class VlcBackend implements Backend {
  @Override
  public PlayerKind kind() {
    return PlayerKind.VLC;
  }

  @Override
  public String program() {
    return VlcOptions.DEFAULTS.executable();
  }

  @Override
  public String installHint() {
    return "apt-get install vlc";
  }

  @Override
  public Capabilities capabilities() {
    return VlcPlayer.CAPABILITIES;
  }

  /** VLC chooses its decoder itself. */
  @Override
  public Decoding decoding(
      Board board, DisplayStack.Kind stack, boolean gpu, List<MediaInfo> clips) {
    return Decoding.playersOwn("VLC");
  }

  @Override
  public PlayerArgsPolicy argsPolicy() {
    return new VlcArgs();
  }

  @Override
  public Player create(PlayerSpec spec) {
    return new VlcPlayer(spec, VlcOptions.DEFAULTS);
  }
}
