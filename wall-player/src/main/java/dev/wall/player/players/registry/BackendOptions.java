package dev.wall.player.players.registry;

import dev.wall.player.players.mpv.MpvOptions;
import dev.wall.player.players.omxplayer.OmxplayerOptions;
import dev.wall.player.players.vlc.VlcOptions;

/** Each backend's own settings; {@link #DEFAULTS} suits a stock Raspberry Pi OS or Debian node. */
public record BackendOptions(MpvOptions mpv, OmxplayerOptions omxplayer, VlcOptions vlc) {
  public static final BackendOptions DEFAULTS =
      new BackendOptions(MpvOptions.DEFAULTS, OmxplayerOptions.DEFAULTS, VlcOptions.DEFAULTS);

  public BackendOptions withMpv(MpvOptions options) {
    return new BackendOptions(options, omxplayer, vlc);
  }

  public BackendOptions withOmxplayer(OmxplayerOptions options) {
    return new BackendOptions(mpv, options, vlc);
  }

  public BackendOptions withVlc(VlcOptions options) {
    return new BackendOptions(mpv, omxplayer, options);
  }
}
