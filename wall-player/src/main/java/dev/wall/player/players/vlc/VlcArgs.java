package dev.wall.player.players.vlc;

import dev.wall.core.layout.PlayerKind;
import dev.wall.player.players.args.AllowList;
import dev.wall.player.players.args.Value;

/**
 * The VLC options (3.0, {@code cvlc -H}) a layout's {@code playerArgs} may set without {@code
 * "allowPlayerCode": true}: decoding, sync, display and sound, by their full names only. No
 * interfaces, filters, stream output, logs or files; no short options, no abbreviations, and no
 * {@code {...}} module settings in a value. Placement, audio on or off and the wall's own switches
 * stay the wall's. docs/layout.md lists them.
 */
public final class VlcArgs extends AllowList {
  static final Options OPTIONS =
      new Options()
          // Decoding
          .value("avcodec-hw", Value.NAMES, "any")
          .values(
              Value.WHOLE,
              "2",
              "avcodec-threads",
              "avcodec-skiploopfilter",
              "avcodec-skip-frame",
              "avcodec-skip-idct")
          .flags("avcodec-fast", "avcodec-hurry-up", "avcodec-dr")
          .value("codec", Value.NAMES, "avcodec,all")
          .value("deinterlace", Value.oneOf("0", "-1", "1"), "-1")
          .value(
              "deinterlace-mode",
              Value.oneOf(
                  "auto",
                  "discard",
                  "blend",
                  "mean",
                  "bob",
                  "linear",
                  "x",
                  "yadif",
                  "yadif2x",
                  "phosphor",
                  "ivtc"),
              "yadif")
          .flags("drop-late-frames", "skip-frames")
          // Sync
          .values(Value.WHOLE, "200", "file-caching", "clock-jitter", "cr-average")
          .value("clock-synchro", Value.oneOf("-1", "0", "1"), "0")
          .flags("input-fast-seek")
          // Display
          .value(
              "vout",
              Value.namesFrom(
                  "any",
                  "gl",
                  "gles2",
                  "xcb_x11",
                  "xcb_xv",
                  "wl_shm",
                  "fb",
                  "vdpau_display",
                  "mmal_vout",
                  "mmal_xsplitter",
                  "vdummy",
                  "none"),
              "xcb_x11")
          .values(Value.NAMES, "any", "gl", "gles2", "glconv")
          .values(Value.ASPECT, "16:9", "aspect-ratio", "monitor-par")
          .flags("autoscale", "video-on-top", "disable-screensaver", "hdtv-fix", "osd", "spu")
          .value("zoom", Value.NUMBER, "1.5")
          .value("align", Value.WHOLE, "0")
          .value("mouse-hide-timeout", Value.WHOLE, "0")
          // Sound
          .value("gain", Value.NUMBER, "1.5")
          .value("aout", Value.namesFrom("any", "alsa", "pulse", "adummy", "none"), "alsa")
          .value(
              "alsa-audio-device",
              Value.pattern(Value.ALSA_DEVICE, "an ALSA device like hdmi:CARD=vc4hdmi0,DEV=0"),
              "hdmi:CARD=vc4hdmi0,DEV=0")
          .values(Value.WHOLE, "0", "stereo-mode", "audio-desync", "audio-track")
          .flags("audio-time-stretch", "spdif")
          .value("force-dolby-surround", Value.oneOf("0", "1", "2"), "0")
          .value("audio-replay-gain-mode", Value.oneOf("none", "track", "album"), "none")
          .value("audio-resampler", Value.NAMES, "soxr")
          .value(
              "audio-language",
              Value.pattern("[A-Za-z]{2,3}(,[A-Za-z]{2,3}){0,7}", "language codes like en,de"),
              "en")
          // Things the wall keeps off: a layout may only repeat that.
          .offOnly("runs Lua scripts: interfaces, playlist parsers and extensions", "lua")
          .offOnly("lets other programs on the session bus control the player", "dbus")
          .offOnly("lets keys or the mouse control the player", "keyboard-events", "mouse-events")
          .offOnly(
              "is kept off by the wall (a title on screen, subtitle files)",
              "video-title-show",
              "sub-autodetect-file")
          // Refused, and why: the findings of the security review and their kin.
          .refused(
              "starts an interface, and VLC's Lua ones run code",
              "intf",
              "extraintf",
              "control",
              "lua*")
          .refused("sends the video to files or the network", "sout*", "mux", "access_output")
          .refused(
              "lets the network control the player",
              "http-host",
              "http-port",
              "https-port",
              "http-password",
              "rc-host",
              "rc-unix",
              "rtsp-host",
              "rtsp-port",
              "telnet*",
              "cli-host")
          .refused(
              "writes files",
              "logfile",
              "file-logging",
              "syslog",
              "snapshot-path",
              "snapshot-prefix",
              "input-record-path",
              "input-timeshift-path",
              "pidfile",
              "daemon")
          .refused(
              "reads configuration, which can set any option",
              "config",
              "ignore-config",
              "vlm-conf")
          .refused(
              "opens a file or URL",
              "sub-file",
              "input-slave",
              "input-list",
              "open",
              "bookmarks",
              "services-discovery",
              "http-cert",
              "http-key")
          .refused(
              "loads modules, and some read files or run code",
              "video-filter",
              "audio-filter",
              "sub-source",
              "sub-filter",
              "video-splitter",
              "stream-filter",
              "demux-filter",
              "access",
              "demux",
              "avcodec-options",
              "audio-visual",
              "keystore");

  public VlcArgs() {
    super(PlayerKind.VLC, Syntax.VLC, OPTIONS);
  }
}
