package dev.wall.player.wire;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.PlayerKind;
import dev.wall.core.layout.Rect;
import dev.wall.core.layout.Screen;
import dev.wall.player.wire.EarlyPlayer;
import dev.wall.player.wire.RankLaunch;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RankLaunchTest {

  @Test
  void whatTheControllerWritesTheRankReadsBack() {
    RankLaunch full = new RankLaunch(Path.of("/srv/wall/lobby.json"), 0, Path.of("/media"), Path.of("/run/wall"),
        Path.of("/tmp/wall.png"), true);
    assertEquals(full, RankLaunch.parse(full.args().toArray(String[]::new)));
    RankLaunch plain = new RankLaunch(Path.of("/srv/wall/lobby.json"), 3, null, Path.of("/run/wall"), null);
    assertEquals(plain, RankLaunch.parse(plain.args().toArray(String[]::new)));
    EarlyPlayer mpv = new EarlyPlayer(PlayerKind.AUTO,
        List.of("mpv", "--title=wall:lobby left", "--loops", "--", "/media/a clip.mp4"), Path.of("/run/wall/s1.log"));
    RankLaunch early = new RankLaunch(Path.of("/srv/wall/lobby.json"), 3, null, Path.of("/run/wall"), null, false, mpv,
        "rO0ABXNyAB", DisplaySettings.NONE, true);
    assertEquals(early, RankLaunch.parse(early.args().toArray(String[]::new)),
        "the early player's arguments are taken as they are, even ones that look like rank options");
  }

  @Test
  void theDisplaySettingsTravelInTheRanksOwnArguments() {
    DisplaySettings display = DisplaySettings.from(java.util.Map.of("DISPLAY", ":1", "XAUTHORITY", "/home/pi/.Xauthority",
        "WAYLAND_DISPLAY", "wayland-1", "XDG_RUNTIME_DIR", "/run/user/1000", "HOME", "/root", "TERM", "xterm"), ":0");
    assertEquals(java.util.Map.of("DISPLAY", ":0", "XAUTHORITY", "/home/pi/.Xauthority", "WAYLAND_DISPLAY", "wayland-1",
        "XDG_RUNTIME_DIR", "/run/user/1000"), display.variables(), "--display wins; nothing but display settings");
    RankLaunch launch = new RankLaunch(Path.of("/srv/wall/lobby.json"), 3, null, Path.of("/run/wall"), null)
        .withDisplay(display);
    assertEquals(launch, RankLaunch.parse(launch.args().toArray(String[]::new)));
    assertThrows(IllegalArgumentException.class, () -> RankLaunch.parse("--layout", "a", "--loops", "1", "--run-dir",
        "/r", "--display-env", "LD_PRELOAD=/x.so"), "only display settings");
  }

  @Test
  void anEarlyPlayerWithTooFewArgumentsIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> RankLaunch.parse("--layout", "a", "--loops", "1", "--run-dir",
        "/r", "--early-player", "MPV", "/r/s1.log", "3", "mpv", "--"));
    assertThrows(IllegalArgumentException.class, () -> RankLaunch.parse("--layout", "a", "--loops", "1", "--run-dir",
        "/r", "--early-player", "MPV"));
  }

  @Test
  void aLargeWallsRanksReadTheFileRatherThanOverfillMpirunsCommandLine() {
    RankLaunch launch = new RankLaunch(Path.of("/srv/wall/big.json"), 1, null, Path.of("/run/wall"), null);
    assertNotNull(launch.withLayoutData(wall(4)).forScreen(wall(4), 0).layoutData());
    assertNull(launch.withLayoutData(wall(400)).forScreen(wall(400), 0).layoutData());
  }

  private static Layout wall(int screens) {
    List<Screen> list = new java.util.ArrayList<>();
    for (int i = 0; i < screens; i++) {
      list.add(new Screen("screen-" + i, "rpi" + i, null, 0, new Rect(0, 0, 640, 360), null, "clip-" + i + ".mp4", null,
          null));
    }
    return Layout.of(1, null, 1, PlayerKind.MPV, "/srv/wall/media", null, null, null, null, null, list);
  }

  @Test
  void anEarlyPlayerMovedToTheNodesOwnRunFolderIsTheOneTheRankWouldStartThere() {
    for (boolean debug : new boolean[] {false, true}) {
      EarlyPlayer named = EarlyPlayer.forScreen(wall(2), 1, Path.of("/run/wall"), DisplaySettings.NONE, debug)
          .orElseThrow();
      EarlyPlayer here = EarlyPlayer.forScreen(wall(2), 1, Path.of("/tmp/wall-pi"), DisplaySettings.NONE, debug)
          .orElseThrow();
      assertTrue(named.argv().stream().anyMatch(a -> a.contains("/run/wall/screens/")), named.argv().toString());
      assertEquals(here, named.movedTo(EarlyPlayer.screensDir(Path.of("/run/wall")),
          EarlyPlayer.screensDir(Path.of("/tmp/wall-pi"))));
    }
  }

  @Test
  void anythingElseIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> RankLaunch.parse("--layout", "a.json", "--loops"));
    assertThrows(IllegalArgumentException.class, () -> RankLaunch.parse("--layout", "a.json", "--run-dir", "/r"));
    assertThrows(IllegalArgumentException.class,
        () -> RankLaunch.parse("--layout", "a", "--loops", "1", "--run-dir", "/r", "--colour", "red"));
    assertThrows(NumberFormatException.class,
        () -> RankLaunch.parse("--layout", "a", "--loops", "many", "--run-dir", "/r"));
  }
}
