package dev.wall.player.players.omxplayer;

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

/** omxplayer, on legacy Raspberry Pi OS: no early start, blank screen or thumbnails of its own. */
public final class OmxplayerBackend implements Backend {
  @Override
  public PlayerKind kind() {
    return PlayerKind.OMXPLAYER;
  }

  @Override
  public String program() {
    return OmxplayerOptions.DEFAULTS.executable();
  }

  @Override
  public String installHint() {
    return "apt-get install omxplayer, Raspberry Pi OS Buster or older only";
  }

  @Override
  public Capabilities capabilities() {
    return OmxplayerPlayer.CAPABILITIES;
  }

  @Override
  public Decoding decoding(
      Board board, DisplayStack.Kind stack, boolean gpu, List<MediaInfo> clips) {
    return OmxplayerDecoding.of(clips);
  }

  @Override
  public PlayerArgsPolicy argsPolicy() {
    return new OmxplayerArgs();
  }

  @Override
  public Player create(PlayerSpec spec) {
    return new OmxplayerPlayer(spec, OmxplayerOptions.DEFAULTS);
  }
}
