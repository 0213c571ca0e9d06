package dev.wall.player.players.mpv;

import dev.wall.core.layout.Audio;
import dev.wall.core.layout.Rect;
import dev.wall.player.display.DisplayStack;
import dev.wall.player.players.Decoding;
import dev.wall.player.players.PlayerSpec;
import dev.wall.player.players.SpanCrop;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds mpv's argv for one screen. Pure, so golden tests can check it without mpv. */
final class MpvCommandLine {
  private static final String IPC_SERVER = "--input-ipc-server=";

  private MpvCommandLine() {}

  /**
   * @param stack what the node draws on: the video output and the placement follow it
   * @throws IllegalArgumentException when the screen has a window and the stack cannot place one
   */
  static List<String> argv(PlayerSpec spec, MpvOptions options, Path socket, DisplayStack stack) {
    return argv(spec, options, socket, stack, null);
  }

  /**
   * @param decoding the node's decoding ({@link Decoding#mpvArgs}), or null: given unless the
   *     options or the layout's {@code playerArgs} name a decoder (theirs win)
   */
  static List<String> argv(
      PlayerSpec spec, MpvOptions options, Path socket, DisplayStack stack, Decoding decoding) {
    List<String> argv = new ArrayList<>();
    argv.add(options.executable());
    argv.add("--pause");
    argv.add("--keep-open=always");
    argv.add("--idle");
    argv.add("--no-osc");
    // None of mpv's built-in Lua scripts: each is a Lua VM started for nothing on a small Pi
    // (ytdl's is refused with the wall's last options).
    argv.add("--load-stats-overlay=no");
    argv.add("--load-osd-console=no");
    argv.add("--load-auto-profiles=no");
    argv.add("--osd-level=0");
    argv.add("--no-input-default-bindings");
    // Its warnings and errors only, to the log that rotates; never terminal input: stdin is the
    // lifeline.
    argv.add("--msg-level=all=warn");
    argv.add("--no-input-terminal");
    argv.add("--hr-seek=yes");
    argv.add("--keepaspect=no");
    argv.add("--cursor-autohide=always");
    argv.add("--title=" + windowTitle(spec.screenName()));
    if (spec.debug()) {
      // mpv's own log is verbose (at least -v) and grows as long as mpv runs: for diagnosing only.
      argv.add("--log-file=" + logFile(spec));
    }
    argv.addAll(placement(spec, stack));
    if (spec.crop() != null) {
      argv.add("--vf=" + cropFilter(spec.crop()));
    }
    if (spec.audio() == Audio.NONE) {
      argv.add("--audio=no");
    }
    addIfSet(argv, "--hwdec=", options.hwdec());
    if (options.hwdec() == null
        && decoding != null
        && spec.playerArgs().stream().noneMatch(a -> a.startsWith("--hwdec"))) {
      argv.addAll(decoding.mpvArgs());
    }
    if (options.vo() == null && !names(spec.playerArgs(), "--vo=")) {
      argv.addAll(
          videoOutput(
              stack, options.gpuContext() == null && !names(spec.playerArgs(), "--gpu-context=")));
    }
    addIfSet(argv, "--vo=", options.vo());
    addIfSet(argv, "--gpu-context=", options.gpuContext());
    if (spec.items() > 1
        && !spec.oneTimeline()
        && options.itemLoad() == MpvOptions.ItemLoad.PRELOADED) {
      argv.add("--prefetch-playlist=yes");
    }
    argv.addAll(spec.playerArgs());
    argv.addAll(lastWord(socket));
    argv.add("--");
    argv.addAll(media(spec));
    return argv;
  }

  /**
   * The wall's own options, after the layout's {@code playerArgs} because mpv takes the last value
   * of an option, so that no layout can undo them, not even with {@code allowPlayerCode}: no
   * configuration files (mpv reads this option before the rest, the last one too), no scripts from
   * a folder, no youtube-dl (it runs a program), and the wall's control socket and lifeline.
   */
  static List<String> lastWord(Path socket) {
    // Lifeline: stdin is a pipe from the rank; if the rank dies, mpv sees it close and quits.
    return List.of(
        "--no-config",
        "--load-scripts=no",
        "--ytdl=no",
        IPC_SERVER + socket,
        "--input-ipc-client=fd://0");
  }

  /**
   * What mpv opens: the clip; for a playlist of equal items, one EDL timeline of them all, so the
   * items follow each other as frames do; for uneven items, the clips as mpv's playlist, which
   * {@code --keep-open=always} stops at the end of each (the wall moves it on at the seam).
   */
  static List<String> media(PlayerSpec spec) {
    if (spec.items() == 1) {
      return List.of(spec.media().get(0).toString());
    }
    if (spec.oneTimeline()) {
      return List.of(edl(spec.media()));
    }
    return spec.media().stream().map(Path::toString).toList();
  }

  /**
   * mpv's EDL, {@code edl://a.mp4;b.mp4}, each path written {@code %LENGTH%path} (its length in
   * UTF-8 bytes) so that no character of a file name, ';' or ',' included, is read as syntax.
   */
  static String edl(List<Path> clips) {
    StringBuilder edl = new StringBuilder("edl://");
    for (Path clip : clips) {
      String path = clip.toString();
      edl.append('%')
          .append(path.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
          .append('%')
          .append(path)
          .append(';');
    }
    return edl.substring(0, edl.length() - 1);
  }

  /**
   * An mpv with nothing to play, holding a black window in the screen's place: what a screen that
   * was given up shows instead of whatever lies beneath. Its lifeline is a player's.
   */
  static List<String> blankArgv(PlayerSpec spec, MpvOptions options, DisplayStack stack) {
    List<String> argv = new ArrayList<>();
    argv.add(options.executable());
    argv.add("--idle=yes");
    argv.add("--force-window=yes");
    argv.add("--no-osc");
    argv.add("--osd-level=0");
    argv.add("--no-input-default-bindings");
    argv.add("--no-terminal");
    argv.add("--cursor-autohide=always");
    argv.add("--title=" + BLANK_TITLE_PREFIX + spec.screenName());
    argv.addAll(placement(spec, stack));
    if (options.vo() == null && !names(spec.playerArgs(), "--vo=")) {
      argv.addAll(
          videoOutput(
              stack, options.gpuContext() == null && !names(spec.playerArgs(), "--gpu-context=")));
    }
    addIfSet(argv, "--vo=", options.vo());
    addIfSet(argv, "--gpu-context=", options.gpuContext());
    // The layout's own arguments choose the video output where they name one.
    spec.playerArgs().stream()
        .filter(
            arg -> arg.startsWith("--vo=") || arg.startsWith("--gpu-") || arg.startsWith("--drm-"))
        .forEach(argv::add);
    argv.addAll(List.of("--no-config", "--load-scripts=no", "--input-ipc-client=fd://0"));
    return argv;
  }

  /** The title of a black window that stands in for a given-up screen. */
  static final String BLANK_TITLE_PREFIX = "wall-blank:";

  /**
   * The player's environment: the spec's, with one change for mpv's x11 VO on a local display.
   * There mpv 0.35 uses MIT-SHM and its {@code XShmPutImage} waits in Xlib's queue until the VO
   * thread next wakes (seen with strace: up to 30 ms after the frame was due). Through the socket
   * ({@code unix/:N}, which mpv counts as remote) the image goes out as the frame is flipped. The
   * pixel benchmark (4 screens, 125 s, 6 seams a run, 2026-11-22): with shared memory 7 of 32 loops
   * had a screen one frame off for the whole loop, with mpv's own clock on time; through the socket
   * 1 of 28, and three runs in four never showed two frames at once. The cost is a copy through the
   * socket, small at the window sizes a software VO is used for.
   */
  static Map<String, String> environment(
      List<String> argv, Map<String, String> extra, String inheritedDisplay) {
    if (!usesX11Vo(argv)) {
      return extra;
    }
    String display = extra.getOrDefault("DISPLAY", inheritedDisplay);
    if (display == null || !display.startsWith(":")) {
      return extra;
    }
    Map<String, String> environment = new HashMap<>(extra);
    environment.put("DISPLAY", "unix/" + display);
    return Map.copyOf(environment);
  }

  /**
   * The last {@code --vo=} before the media wins, as in mpv; x11 anywhere in its list may be the
   * one used.
   */
  private static boolean usesX11Vo(List<String> argv) {
    String vo = null;
    for (String arg : argv) {
      if (arg.equals("--")) {
        break;
      }
      if (arg.startsWith("--vo=")) {
        vo = arg.substring("--vo=".length());
      }
    }
    return vo != null && List.of(vo.split(",")).contains("x11");
  }

  /** The IPC socket an argv of ours names: the last one before the media, as mpv takes it. */
  static Path socketIn(List<String> argv) {
    Path socket = null;
    for (String arg : argv) {
      if (arg.equals("--")) {
        break;
      }
      if (arg.startsWith(IPC_SERVER)) {
        socket = Path.of(arg.substring(IPC_SERVER.length()));
      }
    }
    if (socket == null) {
      throw new IllegalArgumentException("no " + IPC_SERVER + " in " + argv);
    }
    return socket;
  }

  static Path logFile(PlayerSpec spec) {
    return spec.workDir().resolve(spec.screenName() + ".mpv.log");
  }

  /** The X window title, so tests and tools can find a screen's window by name. */
  static String windowTitle(String screenName) {
    return "wall:" + screenName;
  }

  /**
   * mpv's own choice of video output can land on SDL (where libsdl2 is installed and the X server
   * has no GL), which stalls about 10 s at every step. So: under X, the GPU output and then plain
   * x11; on Wayland, the GPU output on Wayland (else shared memory); on a console, the GPU output
   * on DRM, else mpv's plain DRM output. With no GPU on the node (a virtual machine, Xvfb) GL is
   * only llvmpipe, which mpv refuses after trying it, and under Xvfb four such tries at once left
   * x11 hanging in its first reconfigure: there the plain outputs come alone.
   */
  static List<String> videoOutput(DisplayStack stack, boolean withContext) {
    boolean gpu = stack.gpu();
    return switch (stack.kind()) {
      case X11 -> List.of(gpu ? "--vo=gpu,x11" : "--vo=x11");
      case WAYLAND ->
          !gpu
              ? List.of("--vo=wlshm")
              : withContext ? List.of("--vo=gpu", "--gpu-context=wayland") : List.of("--vo=gpu");
      case DRM ->
          !gpu
              ? List.of("--vo=drm")
              : withContext
                  ? List.of("--vo=gpu,drm", "--gpu-context=drm")
                  : List.of("--vo=gpu,drm");
    };
  }

  private static List<String> placement(PlayerSpec spec, DisplayStack stack) {
    Rect window = spec.window();
    int output = spec.output();
    if (window != null && !stack.kind().placesWindows()) {
      throw new IllegalArgumentException(windowRefusal(spec.screenName(), output, stack));
    }
    return switch (stack.kind()) {
      case X11 ->
          window == null
              ? List.of("--fs", "--fs-screen=" + output)
              : List.of("--geometry=" + window.geometry(), "--no-border", "--screen=" + output);
      case WAYLAND -> List.of("--fs", "--fs-screen-name=" + DisplayStack.connector(output));
      case DRM -> List.of("--drm-connector=" + DisplayStack.connector(output));
    };
  }

  /** The one line for a windowed screen on a stack that cannot place windows. */
  static String windowRefusal(String screen, int output, DisplayStack stack) {
    String where =
        stack.kind() == DisplayStack.Kind.WAYLAND
            ? "on Wayland a program cannot place its own window"
            : "a console (DRM/KMS) has no windows";
    return "screen "
        + screen
        + ": has a \"window\", but "
        + where
        + " ("
        + stack.reason()
        + "); remove \"window\""
        + " to play full screen on "
        + DisplayStack.connector(output)
        + ", or run this node's desktop on X11";
  }

  private static boolean names(List<String> args, String prefix) {
    return args.stream().anyMatch(a -> a.startsWith(prefix));
  }

  /**
   * Debian's mpv 0.35 has no {@code --video-crop}, so crop with the lavfi filter, in expressions of
   * the input size so the same crop holds for any clip resolution.
   */
  static String cropFilter(SpanCrop crop) {
    return String.format(
        Locale.ROOT,
        "crop=w=iw*%.6f:h=ih*%.6f:x=iw*%.6f:y=ih*%.6f",
        crop.width(),
        crop.height(),
        crop.x(),
        crop.y());
  }

  private static void addIfSet(List<String> argv, String option, String value) {
    if (value != null && !value.isEmpty()) {
      argv.add(option + value);
    }
  }
}
