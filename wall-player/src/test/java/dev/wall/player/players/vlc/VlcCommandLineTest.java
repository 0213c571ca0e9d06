package dev.wall.player.players.vlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.wall.player.players.vlc.VlcRc.State;
import dev.wall.player.playertest.GoldenArgv;
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
    golden.check(VlcCommandLine.argv(spec, options, spec.workDir().resolve(spec.screenName() + ".vlc/rc.sock"),
        golden.clip(), runAs.isEmpty() ? null : runAs));
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
    assertNull(VlcRc.parseState("status change: ( play state: 4 ): End"), "the input ending is not yet a stop");
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
