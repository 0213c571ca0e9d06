package dev.wall.player.players.mpv;

import dev.wall.core.layout.PlayerKind;
import dev.wall.player.players.args.AllowList;
import dev.wall.player.players.args.Value;

/**
 * The mpv options (0.35, {@code mpv --list-options}) a layout's {@code playerArgs} may set without
 * {@code "allowPlayerCode": true}: decoding, sync, scaling, picture, display and sound. Nothing
 * that loads scripts, filters or configuration, writes files, opens URLs or takes control; the
 * placement, the audio track and the wall's own switches stay the wall's. docs/layout.md lists
 * them.
 */
public final class MpvArgs extends AllowList {
  private static final Value LAVC_SKIP =
      Value.oneOf("none", "default", "nonref", "bidir", "nonkey", "all");
  private static final Value PLANE = Value.oneOf("primary", "overlay").or(Value.WHOLE);

  /**
   * A sound device as mpv names it, output/device; ALSA's devices are limited (see {@link Value}).
   */
  private static final Value AUDIO_DEVICE =
      Value.pattern(
          "auto|alsa/" + Value.ALSA_DEVICE + "|(pulse|pipewire)/[A-Za-z0-9_.:-]{1,128}",
          "auto, or a device like alsa/hdmi:CARD=vc4hdmi0,DEV=0 or pulse/SINK as mpv"
              + " --audio-device=help lists them");

  static final Options OPTIONS =
      new Options()
          // Decoding
          .value("hwdec", Value.NAMES, "v4l2m2m-copy")
          .value("hwdec-codecs", Value.NAMES, "h264,hevc")
          .value("vd-lavc-threads", Value.WHOLE, "4")
          .flags("vd-lavc-fast")
          .values(
              LAVC_SKIP,
              "nonref",
              "vd-lavc-skiploopfilter",
              "vd-lavc-skipframe",
              "vd-lavc-framedrop")
          .value("vd-lavc-dr", Value.oneOf("auto", "no", "yes"), "yes")
          .value("vd-lavc-software-fallback", Value.oneOf("no", "yes").or(Value.WHOLE), "no")
          .value("framedrop", Value.oneOf("no", "vo", "decoder", "decoder+vo"), "vo")
          .value("cache", Value.oneOf("no", "auto", "yes"), "yes")
          .value("demuxer-readahead-secs", Value.NUMBER, "5")
          .value(
              "demuxer-max-bytes",
              Value.pattern("\\d{1,12}(\\.\\d{1,3})?([KMG]i?B)?", "a size like 150MiB"),
              "150MiB")
          .flags("deinterlace")
          // Sync
          .value(
              "video-sync",
              Value.oneOf(
                  "audio",
                  "display-resample",
                  "display-resample-vdrop",
                  "display-resample-desync",
                  "display-adrop",
                  "display-vdrop",
                  "display-desync",
                  "desync"),
              "display-resample")
          .values(
              Value.NUMBER,
              "0.05",
              "video-sync-max-video-change",
              "video-sync-max-audio-change",
              "video-timing-offset")
          .value("override-display-fps", Value.NUMBER, "60")
          .flags("video-latency-hacks", "interpolation")
          .value("tscale", Value.NAME, "oversample")
          // Scaling and the picture
          .values(Value.NAME, "bilinear", "scale", "dscale", "cscale")
          .flags("deband", "keepaspect")
          .values(
              Value.NUMBER,
              "1",
              "deband-iterations",
              "deband-threshold",
              "deband-range",
              "deband-grain",
              "panscan",
              "video-zoom",
              "video-pan-x",
              "video-pan-y",
              "video-align-x",
              "video-align-y",
              "video-scale-x",
              "video-scale-y",
              "brightness",
              "contrast",
              "saturation",
              "gamma",
              "hue")
          .value("video-aspect-override", Value.ASPECT, "16:9")
          .value("video-unscaled", Value.oneOf("no", "yes", "downscale-big"), "no")
          .value("video-rotate", Value.oneOf("no").or(Value.WHOLE), "90")
          .value("dither-depth", Value.oneOf("no", "auto").or(Value.WHOLE), "auto")
          .value("target-trc", Value.NAME, "srgb")
          .value("tone-mapping", Value.NAME, "hable")
          // Display: video output, GPU, DRM/KMS, X11
          .value(
              "vo",
              Value.namesFrom(
                  "gpu",
                  "gpu-next",
                  "x11",
                  "xv",
                  "drm",
                  "wlshm",
                  "dmabuf-wayland",
                  "vaapi",
                  "vdpau",
                  "sdl",
                  "null"),
              "gpu")
          .values(Value.NAMES, "auto", "gpu-api", "gpu-context", "gpu-hwdec-interop")
          .value("opengl-es", Value.oneOf("auto", "yes", "no"), "yes")
          .values(Value.WHOLE, "1", "opengl-swapinterval", "swapchain-depth")
          .value(
              "vulkan-swap-mode",
              Value.oneOf("auto", "fifo", "fifo-relaxed", "mailbox", "immediate"),
              "fifo")
          .value(
              "drm-mode",
              Value.pattern(
                  "preferred|highest|\\d{1,3}|\\d{1,5}x\\d{1,5}(@\\d{1,3}(\\.\\d{1,3})?)?",
                  "preferred, highest, a mode number, or WxH[@HZ]"),
              "1920x1080@60")
          .value(
              "drm-device",
              Value.pattern("/dev/dri/card\\d{1,2}", "a DRM card, /dev/dri/cardN"),
              "/dev/dri/card1")
          .value(
              "drm-format",
              Value.oneOf("xrgb8888", "xrgb2101010", "xbgr8888", "xbgr2101010"),
              "xrgb8888")
          .values(PLANE, "primary", "drm-draw-plane", "drm-drmprime-video-plane")
          .value("drm-draw-surface-size", Value.SIZE, "1920x1080")
          .value("drm-vrr-enabled", Value.oneOf("no", "yes", "auto"), "no")
          .value("drm-atomic", Value.oneOf("no", "auto"), "auto")
          .value("x11-bypass-compositor", Value.oneOf("no", "yes", "fs-only", "never"), "yes")
          .value("x11-netwm", Value.oneOf("auto", "no", "yes"), "no")
          .value("stop-screensaver", Value.oneOf("no", "yes", "always"), "yes")
          .flags("ontop")
          // Sound
          .values(Value.NUMBER, "100", "volume", "volume-max")
          .values(Value.NUMBER, "0.2", "audio-delay", "audio-buffer")
          .flags("mute", "audio-exclusive", "audio-pitch-correction", "audio-stream-silence")
          .value("audio-device", AUDIO_DEVICE, "alsa/hdmi:CARD=vc4hdmi0,DEV=0")
          .value("ao", Value.namesFrom("alsa", "pulse", "pipewire", "sdl", "null"), "alsa")
          .value("audio-channels", Value.NAMES, "stereo")
          .value("audio-samplerate", Value.WHOLE, "48000")
          .value("audio-format", Value.NAME, "s16")
          .value("audio-spdif", Value.NAMES, "ac3,dts")
          // Things the wall keeps off: a layout may only repeat that.
          .offOnly("runs a program (youtube-dl or yt-dlp, or one the layout names)", "ytdl")
          .offOnly("loads configuration files, which can set any option", "config")
          .offOnly("loads every script in a folder", "load-scripts")
          .offOnly(
              "is kept off by the wall (an on-screen control, input or subtitle files)",
              "osc",
              "osd-bar",
              "input-default-bindings",
              "input-terminal",
              "sub-auto",
              "audio-file-auto",
              "audio-display")
          // Refused, and why: the findings of the security review and their kin.
          .refused("loads a script, code that runs in the player", "script", "scripts")
          .refused("sets options for scripts, and can name the program ytdl runs", "script-opts")
          .refused("configures ytdl, which runs a program", "ytdl-format", "ytdl-raw-options")
          .refused(
              "loads configuration, which can set any option or bind keys to commands",
              "include",
              "config-dir",
              "input-conf",
              "use-filedir-conf",
              "profile",
              "load-auto-profiles")
          .refused(
              "runs filters, and some load libraries or read files (ladspa, frei0r, movie)",
              "af",
              "vf",
              "lavfi-complex",
              "glsl-shaders",
              "glsl-shader")
          .refused(
              "writes files",
              "o",
              "stream-record",
              "record-file",
              "log-file",
              "screenshot-directory",
              "screenshot-template",
              "dump-stats",
              "stream-dump",
              "watch-later-directory",
              "ao-pcm-file",
              "vo-image-outdir",
              "gpu-shader-cache-dir",
              "icc-cache-dir",
              "cache-dir",
              "save-position-on-quit")
          .refused(
              "takes control of the player away from the wall",
              "input-ipc-server",
              "input-ipc-client")
          .refused(
              "opens a file or URL",
              "playlist",
              "sub-file",
              "sub-files",
              "audio-file",
              "audio-files",
              "external-file",
              "external-files",
              "cover-art-file",
              "cover-art-files",
              "demuxer-lavf-o",
              "stream-lavf-o",
              "http-proxy",
              "tls-ca-file",
              "cookies-file");

  public MpvArgs() {
    super(PlayerKind.MPV, Syntax.MPV, OPTIONS);
  }
}
