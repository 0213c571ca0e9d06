package dev.wall.player.backend.mpv;

import dev.wall.player.playertest.GoldenArgv;
import java.util.stream.Stream;
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

  private static String text(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
