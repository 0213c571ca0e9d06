package dev.wall.player.players.omxplayer;

import dev.wall.core.layout.PlayerKind;
import dev.wall.player.players.args.AllowList;
import dev.wall.player.players.args.Value;

/**
 * The omxplayer options (its last release, 2020: {@code omxplayer.cpp}'s {@code longopts}) a
 * layout's {@code playerArgs} may set without {@code "allowPlayerCode": true}: decoding, sync,
 * display and sound, by their full names or the few short ones below. No subtitle, font or key
 * files, no log, no libavformat options; the bus name, the display, the window, the crop, the start
 * position and the audio route stay the wall's. docs/layout.md lists them.
 */
public final class OmxplayerArgs extends AllowList {
  static final Options OPTIONS =
      new Options()
          // Decoding
          .flags("hw", "deinterlace", "nodeinterlace", "nativedeinterlace", "allow-mvc", "live")
          .value("3d", Value.oneOf("SBS", "TB", "FP"), "SBS")
          .value("anaglyph", Value.WHOLE, "0")
          .optionalValue("advanced", Value.WHOLE, "1")
          // Sync
          .flags("hdmiclocksync", "nohdmiclocksync", "refresh")
          .value("fps", Value.NUMBER, "25")
          .values(
              Value.NUMBER,
              "0.2",
              "audio_fifo",
              "video_fifo",
              "audio_queue",
              "video_queue",
              "threshold",
              "timeout")
          // Display
          .flags("no-osd", "no-keys")
          .optionalValue(
              "blank",
              Value.pattern("0x[0-9A-Fa-f]{1,8}", "a colour like 0xFF000000"),
              "0xFF000000")
          .value("aspect-mode", Value.oneOf("letterbox", "fill", "stretch"), "letterbox")
          .value("orientation", Value.oneOf("0", "90", "180", "270"), "180")
          .value("layer", Value.WHOLE, "3")
          .value("alpha", Value.WHOLE, "255")
          // Sound
          .values(Value.WHOLE, "-600", "vol", "amp")
          .flags("passthrough", "boost-on-downmix", "no-boost-on-downmix")
          .value(
              "layout",
              Value.oneOf("2.0", "2.1", "3.0", "3.1", "4.0", "4.1", "5.0", "5.1", "7.0", "7.1"),
              "5.1")
          .shortName('b', "blank")
          .shortName('d', "deinterlace")
          .shortName('w', "hw")
          .shortName('p', "passthrough")
          .shortName('y', "hdmiclocksync")
          .shortName('z', "nohdmiclocksync")
          .shortName('r', "refresh")
          .shortName('M', "allow-mvc")
          .shortName('3', "3d")
          // Refused, and why.
          .refused("reads key bindings from a file", "key-config")
          .refused("reads a file", "subtitles", "font", "italic-font")
          .refused("writes a log file", "genlog")
          .refused("takes control of the player away from the wall", "dbus_name")
          .refused(
              "passes options to libavformat, which opens files and URLs", "lavfdopts", "avdict")
          .refused(
              "is set by the wall from the layout",
              "display",
              "win",
              "crop",
              "pos",
              "adev",
              "aidx",
              "loop");

  public OmxplayerArgs() {
    super(PlayerKind.OMXPLAYER, Syntax.GETOPT, OPTIONS);
  }
}
