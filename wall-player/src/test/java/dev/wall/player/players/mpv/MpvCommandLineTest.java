package dev.wall.player.players.mpv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Audio;
import dev.wall.player.players.PlayerSpec;
import dev.wall.player.display.DisplayStack;
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
    MpvOptions mpv = new MpvOptions("mpv", text(options.path("hwdec").asText(null)),
        text(options.path("vo").asText(null)), text(options.path("gpuContext").asText(null)));
    var spec = golden.spec();
    golden.check(MpvCommandLine.argv(spec, mpv, spec.workDir().resolve(spec.screenName() + ".mpv.sock"),
        stack(golden.json().path("stack").asText("x11"))));
  }

  /**
   * A node's stack as detection gives it, for the user pi (uid 1000), on a Pi with its GPU's render
   * node; {@code KIND-no-gpu} is the same node without one (a virtual machine, Xvfb).
   */
  static DisplayStack stack(String kind) {
    boolean gpu = !kind.endsWith("-no-gpu");
    Map<String, String> env = switch (kind.replace("-no-gpu", "")) {
      case "x11" -> Map.of("DISPLAY", ":0");
      case "wayland" -> Map.of("WAYLAND_DISPLAY", "wayland-0", "XDG_RUNTIME_DIR", "/run/user/1000");
      default -> Map.of();
    };
    return DisplayStack.detect(env, path -> gpu && path.toString().equals("/dev/dri/renderD128"), 1000, "/home/pi");
  }

  @Test
  void aWindowedScreenIsRefusedOnWaylandAndOnAConsoleInOneLine() {
    PlayerSpec spec = new PlayerSpec("left", Path.of("/media/a.mp4"), new dev.wall.core.layout.Rect(0, 0, 960, 540), 1,
        null, Audio.NONE, List.of(), Path.of("/tmp/run"), Map.of());
    var wayland = assertThrows(IllegalArgumentException.class,
        () -> MpvCommandLine.argv(spec, MpvOptions.DEFAULTS, Path.of("/tmp/run/left.sock"), stack("wayland")));
    assertEquals("screen left: has a \"window\", but on Wayland a program cannot place its own window"
        + " (WAYLAND_DISPLAY is set); remove \"window\" to play full screen on HDMI-A-2, or run this node's"
        + " desktop on X11", wayland.getMessage());
    var console = assertThrows(IllegalArgumentException.class,
        () -> MpvCommandLine.argv(spec, MpvOptions.DEFAULTS, Path.of("/tmp/run/left.sock"), stack("drm")));
    assertTrue(console.getMessage().startsWith("screen left: has a \"window\", but a console (DRM/KMS) has no windows"
        + " (no desktop runs: the console, through DRM/KMS)"), console.getMessage());
  }

  @Test
  void aVideoOutputInTheLayoutOrTheOptionsWinsOverTheStacks() {
    PlayerSpec spec = new PlayerSpec("s1", Path.of("/media/a.mp4"), null, 0, null, Audio.NONE, List.of("--vo=x11"),
        Path.of("/tmp/run"), Map.of());
    List<String> argv = MpvCommandLine.argv(spec, MpvOptions.DEFAULTS, Path.of("/tmp/s1.sock"), stack("x11"));
    assertEquals(List.of("--vo=x11"), argv.stream().filter(a -> a.startsWith("--vo=")).toList());
    List<String> chosen = MpvCommandLine.argv(new PlayerSpec("s1", Path.of("/media/a.mp4"), null, 0, null,
        Audio.NONE, List.of(), Path.of("/tmp/run"), Map.of()), new MpvOptions("mpv", null, "drm", null),
        Path.of("/tmp/s1.sock"), stack("x11"));
    assertEquals(List.of("--vo=drm"), chosen.stream().filter(a -> a.startsWith("--vo=")).toList());
  }

  @Test
  void anX11ListReachesALocalDisplayThroughTheSocketToo() {
    assertEquals(Map.of("DISPLAY", "unix/:3"), MpvCommandLine.environment(argv("--vo=gpu,x11"), Map.of("DISPLAY", ":3"), null));
  }

  @Test
  void x11VoOnALocalDisplayReachesItThroughTheSocketSoMpvSkipsSharedMemory() {
    assertEquals(Map.of("DISPLAY", "unix/:3", "FAKETIME", "+0 x1.002"), MpvCommandLine.environment(
        argv("--vo=x11"), Map.of("DISPLAY", ":3", "FAKETIME", "+0 x1.002"), ":9"));
  }

  @Test
  void theInheritedDisplayIsRewrittenWhenTheSpecNamesNone() {
    assertEquals(Map.of("DISPLAY", "unix/:0.0"), MpvCommandLine.environment(argv("--vo=x11"), Map.of(), ":0.0"));
  }

  @Test
  void otherVosAndRemoteDisplaysAreLeftAlone() {
    assertEquals(Map.of("DISPLAY", ":3"), MpvCommandLine.environment(argv("--vo=gpu"), Map.of("DISPLAY", ":3"), null));
    assertEquals(Map.of("DISPLAY", ":3"),
        MpvCommandLine.environment(argv("--vo=x11", "--vo=gpu"), Map.of("DISPLAY", ":3"), null));
    assertEquals(Map.of("DISPLAY", ":3"),
        MpvCommandLine.environment(argv("--", "--vo=x11"), Map.of("DISPLAY", ":3"), null), "a file name, not an option");
    assertEquals(Map.of("DISPLAY", "pi4:0"),
        MpvCommandLine.environment(argv("--vo=x11"), Map.of("DISPLAY", "pi4:0"), null));
    assertEquals(Map.of(), MpvCommandLine.environment(argv("--vo=x11"), Map.of(), null));
  }

  @Test
  void theSocketIsReadBackFromTheArgv() {
    PlayerSpec spec = new PlayerSpec("s1", Path.of("/media/a.mp4"), null, 0, null, Audio.NONE, List.of(),
        Path.of("/tmp/run"), Map.of());
    assertEquals(Path.of("/tmp/run/s1.mpv.sock"),
        MpvCommandLine.socketIn(MpvCommandLine.argv(spec, MpvOptions.DEFAULTS, Path.of("/tmp/run/s1.mpv.sock"), stack("drm"))));
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
