package dev.wall.player.players.vlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.wall.core.layout.Audio;
import dev.wall.player.players.MediaInfo;
import dev.wall.player.players.PlayerSpec;
import dev.wall.player.players.vlc.VlcRc.State;
import dev.wall.player.playertest.GoldenArgv;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class VlcCommandLineTest {

  static Stream<GoldenArgv> cases() throws Exception {
    return GoldenArgv.cases("vlc");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void argvMatchesItsGoldenFile(GoldenArgv golden) throws Exception {
    String vout = golden.options().path("vout").asText("");
    VlcOptions options = VlcOptions.DEFAULTS.withVout(vout.isEmpty() ? null : vout);
    var spec = golden.spec();
    String runAs = golden.json().path("runAs").asText("");
    golden.check(
        VlcCommandLine.argv(
            spec,
            options,
            spec.workDir().resolve(spec.screenName() + ".vlc/rc.sock"),
            golden.clip(),
            runAs.isEmpty() ? null : runAs));
  }

  /**
   * Arguments the validator refuses, given to the command line directly (as with {@code
   * allowPlayerCode}): each tries to undo one of the wall's own options, and VLC takes the last.
   */
  @Test
  void theWallsOwnOptionsComeAfterTheLayoutsAndSoWin() {
    List<String> layoutArgs =
        List.of(
            "--extraintf=luaintf",
            "--rc-unix=/tmp/evil.sock",
            "--lua",
            "--dbus",
            "--no-rc-fake-tty");
    PlayerSpec spec =
        new PlayerSpec(
            "main",
            Path.of("/media/a.mp4"),
            null,
            0,
            null,
            Audio.NONE,
            layoutArgs,
            Path.of("/tmp/run"),
            Map.of());
    Path socket = Path.of("/tmp/run/main.vlc/rc.sock");
    List<String> argv =
        VlcCommandLine.argv(
            spec, VlcOptions.DEFAULTS, socket, new MediaInfo(1920, 1080, 30, 10), null);

    assertEquals("oldrc", lastValue(argv, "extraintf"));
    assertEquals(socket.toString(), lastValue(argv, "rc-unix"));
    assertEquals("no", lastValue(argv, "lua"));
    assertEquals("no", lastValue(argv, "dbus"));
    assertEquals("yes", lastValue(argv, "rc-fake-tty"));
    int lastOfLayout = argv.indexOf("--no-rc-fake-tty");
    assertEquals(
        List.of(
            "--extraintf",
            "oldrc",
            "--rc-unix",
            socket.toString(),
            "--rc-fake-tty",
            "--no-dbus",
            "--no-lua"),
        argv.subList(lastOfLayout + 1, argv.indexOf("--")));
  }

  /** The value VLC ends up with for {@code name}: the last of its spellings before the files. */
  private static String lastValue(List<String> argv, String name) {
    String value = null;
    List<String> options = argv.subList(0, argv.indexOf("--"));
    for (int i = 0; i < options.size(); i++) {
      String arg = options.get(i);
      if (arg.equals("--no-" + name) || arg.equals("--no" + name)) {
        value = "no";
      } else if (arg.equals("--" + name)) {
        boolean takesValue = List.of("extraintf", "rc-unix").contains(name);
        value = takesValue ? options.get(++i) : "yes";
      } else if (arg.startsWith("--" + name + "=")) {
        value = arg.substring(name.length() + 3);
      }
    }
    return value;
  }

  /** Lines as VLC 3.0's rc interface writes them (modules/control/oldrc.c). */
  @Test
  void readsTheStateFromStatusChangeLines() {
    assertEquals(State.PAUSED, VlcRc.parseState("status change: ( pause state: 4 )"));
    assertEquals(State.PAUSED, VlcRc.parseState("status change: ( pause state: 3 ): Pause"));
    assertEquals(State.PLAYING, VlcRc.parseState("status change: ( play state: 2 ): Play"));
    assertEquals(State.PLAYING, VlcRc.parseState("status change: ( play state: 3 )"));
    assertEquals(State.STOPPED, VlcRc.parseState("status change: ( stop state: 0 )"));
    assertEquals(State.STOPPED, VlcRc.parseState("status change: ( stop state: 4 ): End"));
    assertNull(
        VlcRc.parseState("status change: ( play state: 4 ): End"),
        "the input ending is not yet a stop");
    assertNull(VlcRc.parseState("status change: ( new input: file:///srv/wall/media/a.mp4 )"));
    assertNull(VlcRc.parseState("status change: ( time: 1s )"));
    assertNull(VlcRc.parseState("pause: returned 0 (no error)"));
  }

  @Test
  void knowsWhenVlcRefusesACommandWhilePaused() {
    assertEquals(true, VlcRc.isRefusal("Press pause to continue."));
    assertEquals(true, VlcRc.isRefusal("Type 'pause' to continue."));
    assertEquals(false, VlcRc.isRefusal("seek: returned 0 (no error)"));
  }
}
