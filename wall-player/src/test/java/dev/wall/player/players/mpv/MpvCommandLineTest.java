package dev.wall.player.players.mpv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Audio;
import dev.wall.player.display.DisplayStack;
import dev.wall.player.players.Decoding;
import dev.wall.player.players.PlayerSpec;
import dev.wall.player.playertest.GoldenArgv;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MpvCommandLineTest {

  static Stream<GoldenArgv> cases() throws Exception {
    return GoldenArgv.cases("mpv");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void argvMatchesItsGoldenFile(GoldenArgv golden) throws Exception {
    var options = golden.options();
    MpvOptions mpv =
        new MpvOptions(
            "mpv",
            text(options.path("hwdec").asText(null)),
            text(options.path("vo").asText(null)),
            text(options.path("gpuContext").asText(null)));
    var spec = golden.spec();
    golden.check(
        MpvCommandLine.argv(
            spec,
            mpv,
            spec.workDir().resolve(spec.screenName() + ".mpv.sock"),
            stack(golden.json().path("stack").asText("x11"))));
  }

  /**
   * A node's stack as detection gives it, for the user pi (uid 1000), on a Pi with its GPU's render
   * node; {@code KIND-no-gpu} is the same node without one (a virtual machine, Xvfb).
   */
  static DisplayStack stack(String kind) {
    boolean gpu = !kind.endsWith("-no-gpu");
    Map<String, String> env =
        switch (kind.replace("-no-gpu", "")) {
          case "x11" -> Map.of("DISPLAY", ":0");
          case "wayland" ->
              Map.of("WAYLAND_DISPLAY", "wayland-0", "XDG_RUNTIME_DIR", "/run/user/1000");
          default -> Map.of();
        };
    return DisplayStack.detect(
        env, path -> gpu && path.toString().equals("/dev/dri/renderD128"), 1000, "/home/pi");
  }

  @Test
  void aWindowedScreenIsRefusedOnWaylandAndOnAConsoleInOneLine() {
    PlayerSpec spec =
        new PlayerSpec(
            "left",
            Path.of("/media/a.mp4"),
            new dev.wall.core.layout.Rect(0, 0, 960, 540),
            1,
            null,
            Audio.NONE,
            List.of(),
            Path.of("/tmp/run"),
            Map.of());
    var wayland =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                MpvCommandLine.argv(
                    spec, MpvOptions.DEFAULTS, Path.of("/tmp/run/left.sock"), stack("wayland")));
    assertEquals(
        "screen left: has a \"window\", but on Wayland a program cannot place its own window"
            + " (WAYLAND_DISPLAY is set); remove \"window\" to play full screen on HDMI-A-2, or run this node's"
            + " desktop on X11",
        wayland.getMessage());
    var console =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                MpvCommandLine.argv(
                    spec, MpvOptions.DEFAULTS, Path.of("/tmp/run/left.sock"), stack("drm")));
    assertTrue(
        console
            .getMessage()
            .startsWith(
                "screen left: has a \"window\", but a console (DRM/KMS) has no windows"
                    + " (no desktop runs: the console, through DRM/KMS)"),
        console.getMessage());
  }

  @Test
  void theNodesDecodingIsGivenUnlessTheOptionsOrTheLayoutNameADecoder() {
    PlayerSpec spec =
        new PlayerSpec(
            "s1",
            Path.of("/media/a.mp4"),
            null,
            0,
            null,
            Audio.NONE,
            List.of(),
            Path.of("/tmp/run"),
            Map.of());
    Path socket = Path.of("/tmp/s1.sock");
    List<String> plain = MpvCommandLine.argv(spec, MpvOptions.DEFAULTS, socket, stack("drm"));
    Decoding pi5 = new Decoding("drm", List.of("--hwdec=drm", "--hwdec-codecs=hevc"), true, null);
    List<String> decoded =
        MpvCommandLine.argv(spec, MpvOptions.DEFAULTS, socket, stack("drm"), pi5);
    assertEquals(plain.size() + 2, decoded.size());
    int at = decoded.indexOf("--hwdec=drm");
    assertEquals(List.of("--hwdec=drm", "--hwdec-codecs=hevc"), decoded.subList(at, at + 2));
    assertTrue(at < decoded.indexOf("--no-config"), "before the wall's last word: " + decoded);
    PlayerSpec chosen =
        new PlayerSpec(
            "s1",
            Path.of("/media/a.mp4"),
            null,
            0,
            null,
            Audio.NONE,
            List.of("--hwdec=no"),
            Path.of("/tmp/run"),
            Map.of());
    assertEquals(
        MpvCommandLine.argv(chosen, MpvOptions.DEFAULTS, socket, stack("drm")),
        MpvCommandLine.argv(chosen, MpvOptions.DEFAULTS, socket, stack("drm"), pi5),
        "the layout's playerArgs choose the decoder");
    MpvOptions fixed = new MpvOptions("mpv", "auto", null, null);
    assertEquals(
        List.of("--hwdec=auto"),
        MpvCommandLine.argv(spec, fixed, socket, stack("drm"), pi5).stream()
            .filter(a -> a.startsWith("--hwdec"))
            .toList(),
        "the backend's options choose the decoder");
  }

  @Test
  void aVideoOutputInTheLayoutOrTheOptionsWinsOverTheStacks() {
    PlayerSpec spec =
        new PlayerSpec(
            "s1",
            Path.of("/media/a.mp4"),
            null,
            0,
            null,
            Audio.NONE,
            List.of("--vo=x11"),
            Path.of("/tmp/run"),
            Map.of());
    List<String> argv =
        MpvCommandLine.argv(spec, MpvOptions.DEFAULTS, Path.of("/tmp/s1.sock"), stack("x11"));
    assertEquals(List.of("--vo=x11"), argv.stream().filter(a -> a.startsWith("--vo=")).toList());
    List<String> chosen =
        MpvCommandLine.argv(
            new PlayerSpec(
                "s1",
                Path.of("/media/a.mp4"),
                null,
                0,
                null,
                Audio.NONE,
                List.of(),
                Path.of("/tmp/run"),
                Map.of()),
            new MpvOptions("mpv", null, "drm", null),
            Path.of("/tmp/s1.sock"),
            stack("x11"));
    assertEquals(List.of("--vo=drm"), chosen.stream().filter(a -> a.startsWith("--vo=")).toList());
  }

  @Test
  void anX11ListReachesALocalDisplayThroughTheSocketToo() {
    assertEquals(
        Map.of("DISPLAY", "unix/:3"),
        MpvCommandLine.environment(argv("--vo=gpu,x11"), Map.of("DISPLAY", ":3"), null));
  }

  @Test
  void x11VoOnALocalDisplayReachesItThroughTheSocketSoMpvSkipsSharedMemory() {
    assertEquals(
        Map.of("DISPLAY", "unix/:3", "FAKETIME", "+0 x1.002"),
        MpvCommandLine.environment(
            argv("--vo=x11"), Map.of("DISPLAY", ":3", "FAKETIME", "+0 x1.002"), ":9"));
  }

  @Test
  void theInheritedDisplayIsRewrittenWhenTheSpecNamesNone() {
    assertEquals(
        Map.of("DISPLAY", "unix/:0.0"),
        MpvCommandLine.environment(argv("--vo=x11"), Map.of(), ":0.0"));
  }

  @Test
  void otherVosAndRemoteDisplaysAreLeftAlone() {
    assertEquals(
        Map.of("DISPLAY", ":3"),
        MpvCommandLine.environment(argv("--vo=gpu"), Map.of("DISPLAY", ":3"), null));
    assertEquals(
        Map.of("DISPLAY", ":3"),
        MpvCommandLine.environment(argv("--vo=x11", "--vo=gpu"), Map.of("DISPLAY", ":3"), null));
    assertEquals(
        Map.of("DISPLAY", ":3"),
        MpvCommandLine.environment(argv("--", "--vo=x11"), Map.of("DISPLAY", ":3"), null),
        "a file name, not an option");
    assertEquals(
        Map.of("DISPLAY", "pi4:0"),
        MpvCommandLine.environment(argv("--vo=x11"), Map.of("DISPLAY", "pi4:0"), null));
    assertEquals(Map.of(), MpvCommandLine.environment(argv("--vo=x11"), Map.of(), null));
  }

  @Test
  void theSocketIsReadBackFromTheArgv() {
    PlayerSpec spec =
        new PlayerSpec(
            "s1",
            Path.of("/media/a.mp4"),
            null,
            0,
            null,
            Audio.NONE,
            List.of(),
            Path.of("/tmp/run"),
            Map.of());
    assertEquals(
        Path.of("/tmp/run/s1.mpv.sock"),
        MpvCommandLine.socketIn(
            MpvCommandLine.argv(
                spec, MpvOptions.DEFAULTS, Path.of("/tmp/run/s1.mpv.sock"), stack("drm"))));
  }

  /**
   * Arguments the validator refuses, here given to the command line directly (as with {@code
   * allowPlayerCode}): each tries to undo one of the wall's safety options, and mpv takes the last.
   */
  @Test
  void theWallsSafetyOptionsComeAfterTheLayoutsAndSoWin() {
    List<String> layoutArgs =
        List.of(
            "--ytdl=yes",
            "--config=yes",
            "--config-dir=/share/evil",
            "--load-scripts=yes",
            "--input-ipc-server=/tmp/evil.sock",
            "--input-ipc-client=fd://3",
            "ytdl://x");
    PlayerSpec spec =
        new PlayerSpec(
            "s1",
            Path.of("/media/a.mp4"),
            null,
            0,
            null,
            Audio.NONE,
            layoutArgs,
            Path.of("/tmp/run"),
            Map.of());
    List<String> argv =
        MpvCommandLine.argv(
            spec, MpvOptions.DEFAULTS, Path.of("/tmp/run/s1.mpv.sock"), stack("x11"));

    assertEquals("no", lastValue(argv, "ytdl"));
    assertEquals("no", lastValue(argv, "config"));
    assertEquals("no", lastValue(argv, "load-scripts"));
    assertEquals("/tmp/run/s1.mpv.sock", lastValue(argv, "input-ipc-server"));
    assertEquals("fd://0", lastValue(argv, "input-ipc-client"));
    assertEquals(
        Path.of("/tmp/run/s1.mpv.sock"),
        MpvCommandLine.socketIn(argv),
        "the socket mpv listens on");
    int lastOfLayout = argv.indexOf("ytdl://x");
    int end = argv.indexOf("--");
    assertEquals(
        List.of(
            "--no-config",
            "--load-scripts=no",
            "--ytdl=no",
            "--input-ipc-server=/tmp/run/s1.mpv.sock",
            "--input-ipc-client=fd://0"),
        argv.subList(lastOfLayout + 1, end));
  }

  @Test
  void theBlankWindowTakesOnlyTheLayoutsVideoOutputAndEndsWithTheWallsOptions() {
    PlayerSpec spec =
        new PlayerSpec(
            "s1",
            Path.of("/media/a.mp4"),
            null,
            0,
            null,
            Audio.NONE,
            List.of(
                "--vo=x11", "--config=yes", "--input-ipc-client=fd://3", "--drm-mode=preferred"),
            Path.of("/tmp/run"),
            Map.of());
    List<String> argv = MpvCommandLine.blankArgv(spec, MpvOptions.DEFAULTS, stack("x11"));
    assertEquals("no", lastValue(argv, "config"));
    assertEquals("fd://0", lastValue(argv, "input-ipc-client"));
    assertEquals(
        List.of("--vo=x11", "--drm-mode=preferred"),
        argv.stream().filter(a -> a.startsWith("--vo=") || a.startsWith("--drm-")).toList());
  }

  /** The value mpv ends up with for {@code name}: the last of its spellings before the files. */
  private static String lastValue(List<String> argv, String name) {
    String value = null;
    int end = argv.contains("--") ? argv.indexOf("--") : argv.size();
    for (String arg : argv.subList(0, end)) {
      if (arg.equals("--no-" + name)) {
        value = "no";
      } else if (arg.equals("--" + name)) {
        value = "yes";
      } else if (arg.startsWith("--" + name + "=")) {
        value = arg.substring(name.length() + 3);
      }
    }
    return value;
  }

  private static List<String> argv(String... options) {
    List<String> argv = new java.util.ArrayList<>(List.of("mpv", "--no-config"));
    argv.addAll(List.of(options));
    if (!argv.contains("--")) {
      argv.addAll(List.of("--", "/media/a.mp4"));
    }
    return argv;
  }

  private static String text(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
