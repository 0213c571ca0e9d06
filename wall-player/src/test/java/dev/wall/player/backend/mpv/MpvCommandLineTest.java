package dev.wall.player.backend.mpv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wall.core.layout.Audio;
import dev.wall.player.backend.PlayerSpec;
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
    golden.check(MpvCommandLine.argv(spec, mpv, spec.workDir().resolve(spec.screenName() + ".mpv.sock")));
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
    assertEquals(Path.of("/tmp/run/s1.mpv.sock"), MpvCommandLine.socketIn(MpvPlayer.argv(spec)));
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
