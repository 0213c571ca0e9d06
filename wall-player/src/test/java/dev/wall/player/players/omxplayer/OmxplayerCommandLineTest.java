package dev.wall.player.players.omxplayer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Audio;
import dev.wall.player.players.MediaInfo;
import dev.wall.player.players.PlayerException;
import dev.wall.player.players.PlayerSpec;
import dev.wall.player.playertest.GoldenArgv;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OmxplayerCommandLineTest {

  static Stream<GoldenArgv> cases() throws Exception {
    return GoldenArgv.cases("omxplayer");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void argvMatchesItsGoldenFile(GoldenArgv golden) throws Exception {
    golden.check(
        OmxplayerCommandLine.argv(golden.spec(), OmxplayerOptions.DEFAULTS, golden.clip()));
  }

  @Test
  void neverLoopsItself() throws Exception {
    for (GoldenArgv golden : cases().toList()) {
      assertFalse(
          OmxplayerCommandLine.argv(golden.spec(), OmxplayerOptions.DEFAULTS, golden.clip())
              .contains("--loop"));
    }
  }

  /**
   * A bus name of the layout's own, given directly (as with allowPlayerCode): omxplayer takes the
   * last.
   */
  @Test
  void theWallsBusNameAndNoKeysComeAfterTheLayoutsArguments() throws Exception {
    PlayerSpec spec =
        new PlayerSpec(
            "left",
            Path.of("/media/a.mp4"),
            null,
            0,
            null,
            Audio.NONE,
            List.of("--dbus_name", "org.example.evil", "--layer", "3"),
            Path.of("/tmp/run"),
            Map.of());
    List<String> argv =
        OmxplayerCommandLine.argv(
            spec, OmxplayerOptions.DEFAULTS, new MediaInfo(1920, 1080, 30, 10));
    List<String> tail = argv.subList(argv.lastIndexOf("3") + 1, argv.size());
    assertEquals(
        List.of(
            "--no-keys", "--dbus_name", OmxplayerCommandLine.busName("left"), "--", "/media/a.mp4"),
        tail);
  }

  @Test
  void refusesAnOutputAPiDoesNotHave() {
    PlayerException refused =
        assertThrows(
            PlayerException.class,
            () ->
                OmxplayerCommandLine.argv(
                    spec("third", 2),
                    OmxplayerOptions.DEFAULTS,
                    new MediaInfo(1920, 1080, 30, 10)));
    assertEquals(
        "third: output 2 does not exist for omxplayer; a Pi has HDMI0 (output 0) and HDMI1 (output 1)",
        refused.getMessage());
  }

  @Test
  void busNamesAreValidAndDifferForEveryScreenName() {
    List<String> names = List.of("left", "a.b", "a_b", "a-b", "a_2eb", "1st", "L");
    List<String> busNames = names.stream().map(OmxplayerCommandLine::busName).toList();
    assertEquals(names.size(), busNames.stream().distinct().count(), busNames.toString());
    for (String busName : busNames) {
      // D-Bus: dot-separated elements of [A-Za-z0-9_-], none starting with a digit, at most 255
      // chars.
      assertTrue(
          busName.matches("[A-Za-z_-][A-Za-z0-9_-]*(\\.[A-Za-z_-][A-Za-z0-9_-]*)+"), busName);
      assertTrue(busName.startsWith("org.mpris.MediaPlayer2.omxplayer."), busName);
    }
    assertEquals(
        "org.mpris.MediaPlayer2.omxplayer.wall_a_2eb", OmxplayerCommandLine.busName("a.b"));
    assertNotEquals(OmxplayerCommandLine.busName("a.b"), OmxplayerCommandLine.busName("a_2eb"));
  }

  @Test
  void runsOnThePrivateBusWithTheWrappersLibraries() {
    Map<String, String> env =
        OmxplayerCommandLine.environment(
            spec("left", 0),
            OmxplayerOptions.DEFAULTS,
            "unix:path=/run/wall/left.bus",
            "/usr/local/lib");
    assertEquals("unix:path=/run/wall/left.bus", env.get("DBUS_SESSION_BUS_ADDRESS"));
    assertEquals("/opt/vc/lib:/usr/lib/omxplayer:/usr/local/lib", env.get("LD_LIBRARY_PATH"));
    assertEquals(":0", env.get("DISPLAY"), "the layout's environment is kept");
  }

  @Test
  void ratesAreSentSoThatOmxplayersTruncationKeepsThem() {
    for (double rate : new double[] {1.0, 1.001, 0.999, 1.01, 0.995, 1.0049}) {
      long kept = (long) (OmxplayerPlayer.wireRate(rate) * 1000);
      assertEquals(Math.round(rate * 1000), kept, "rate " + rate);
    }
  }

  @Test
  void privateBusAddressEscapesWhatDBusAddressesCannotHold() {
    assertEquals(
        "unix:path=/run/wall/a%20b%3bc.bus", PrivateBus.address(Path.of("/run/wall/a b;c.bus")));
    assertEquals("unix:path=/tmp/x-1_2.bus", PrivateBus.address(Path.of("/tmp/x-1_2.bus")));
  }

  private static PlayerSpec spec(String name, int output) {
    return new PlayerSpec(
        name,
        Path.of("/srv/wall/media/a.mp4"),
        null,
        output,
        null,
        Audio.NONE,
        List.of(),
        Path.of("/run/wall"),
        Map.of("DISPLAY", ":0"));
  }
}
