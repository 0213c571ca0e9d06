package dev.wall.player.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.PlayerKind;
import dev.wall.core.layout.Rect;
import dev.wall.core.layout.Screen;
import dev.wall.player.plan.DisplaySettings;
import dev.wall.player.plan.ShowPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The show's plan travels to every rank once, whole, and comes back equal. */
class RankLaunchTest {
  private static final RankLaunch.LayoutSource NO_FILE =
      file -> {
        throw new AssertionError("the rank read " + file + " though the plan held the layout");
      };

  @Test
  void whatTheControllerWritesTheRankReadsBack() throws Exception {
    DisplaySettings display =
        DisplaySettings.from(Map.of("DISPLAY", ":1", "XAUTHORITY", "/home/pi/.Xauthority"), null);
    ShowPlan full =
        ShowPlan.resolve(
            Path.of("/srv/wall/lobby.json"),
            wall(2),
            0,
            Path.of("/media"),
            Path.of("/run/wall"),
            display,
            true,
            Path.of("/tmp/wall.png"));
    RankLaunch launch = new RankLaunch(full, false);
    assertEquals(launch, RankLaunch.parse(NO_FILE, launch.args().toArray(String[]::new)));
    assertEquals(
        "/media", full.layout().mediaRoot(), "the override is in the plan's layout, applied once");
    assertEquals(0, full.loops());
    RankLaunch warmUp =
        new RankLaunch(
            ShowPlan.resolve(
                Path.of("/srv/wall/lobby.json"),
                wall(1),
                null,
                null,
                Path.of("/run/wall"),
                null,
                false,
                null),
            true);
    assertEquals(warmUp, RankLaunch.parse(NO_FILE, warmUp.args().toArray(String[]::new)));
    assertEquals(
        List.of("--plan"),
        launch.args().subList(0, 1),
        "one option, one word: nothing travels twice");
    assertEquals(2, launch.args().size());
  }

  @Test
  void onlyDisplaySettingsTravelAsDisplaySettings() {
    DisplaySettings display =
        DisplaySettings.from(
            Map.of(
                "DISPLAY",
                ":1",
                "XAUTHORITY",
                "/home/pi/.Xauthority",
                "WAYLAND_DISPLAY",
                "wayland-1",
                "XDG_RUNTIME_DIR",
                "/run/user/1000",
                "HOME",
                "/root",
                "TERM",
                "xterm"),
            ":0");
    assertEquals(
        Map.of(
            "DISPLAY",
            ":0",
            "XAUTHORITY",
            "/home/pi/.Xauthority",
            "WAYLAND_DISPLAY",
            "wayland-1",
            "XDG_RUNTIME_DIR",
            "/run/user/1000"),
        display.variables(),
        "--display wins; nothing but display settings");
    assertThrows(
        IllegalArgumentException.class, () -> DisplaySettings.NONE.with("LD_PRELOAD=/x.so"));
  }

  @Test
  void aLargeWallsRanksPutTheirScreensOnThePreparedClipsTheControllerFound() throws Exception {
    Layout big = wall(400);
    Layout prepared =
        big.withScreenMedia(java.util.Map.of(big.screen(3).name(), List.of("/mnt/p/s3.mp4")));
    Path dir = Path.of("/mnt/p");
    ShowPlan plan =
        ShowPlan.resolve(
                Path.of("/srv/wall/big.json"),
                prepared,
                null,
                null,
                Path.of("/run/wall"),
                null,
                false,
                null)
            .withPrepared(dir);
    List<String> args = new RankLaunch(plan, false).args();
    assertTrue(args.get(1).length() < 1000, "the word leaves the layout out");
    AtomicInteger mapped = new AtomicInteger();
    RankLaunch read =
        RankLaunch.parse(
            new RankLaunch.LayoutSource() {
              @Override
              public Layout read(Path file) {
                return big;
              }

              @Override
              public Layout prepared(Layout layout, Path where) {
                assertEquals(big, layout);
                assertEquals(dir, where);
                mapped.incrementAndGet();
                return prepared;
              }
            },
            args.toArray(String[]::new));
    assertEquals(1, mapped.get());
    assertEquals(plan, read.plan(), "the file's layout on the prepared clips, and where they are");
  }

  @Test
  void aLargeWallsRanksPutTheirScreensOnTheCachedCopiesThePublishRecordNames() throws Exception {
    Layout big = wall(400);
    Layout cached =
        big.withScreenMedia(
            java.util.Map.of(big.screen(3).name(), List.of("/var/cache/wall/media/ab.mp4")));
    Path record = Path.of("/srv/wall/media/published/big.json");
    ShowPlan plan =
        ShowPlan.resolve(
                Path.of("/srv/wall/big.json"),
                big,
                null,
                null,
                Path.of("/run/wall"),
                null,
                false,
                null)
            .withCaches(record, cached);
    assertEquals(big, plan.layoutOnShare());
    List<String> args = new RankLaunch(plan, false).args();
    assertTrue(args.get(1).length() < 1000, "the word leaves the layout out");
    AtomicInteger mapped = new AtomicInteger();
    RankLaunch read =
        RankLaunch.parse(
            new RankLaunch.LayoutSource() {
              @Override
              public Layout read(Path file) {
                return big;
              }

              @Override
              public Layout published(Layout layout, Path where) {
                assertEquals(big, layout);
                assertEquals(record, where);
                mapped.incrementAndGet();
                return cached;
              }
            },
            args.toArray(String[]::new));
    assertEquals(1, mapped.get());
    assertEquals(plan, read.plan(), "the file's layout on the cached copies, and their record");
  }

  @Test
  void aLargeWallsRanksReadTheFileAndApplyThePlansOverrides() throws Exception {
    Layout big = wall(400);
    ShowPlan plan =
        ShowPlan.resolve(
            Path.of("/srv/wall/big.json"),
            big,
            7,
            Path.of("/mnt/clips"),
            Path.of("/run/wall"),
            null,
            false,
            null);
    List<String> args = new RankLaunch(plan, false).args();
    assertTrue(
        args.get(1).length() < 1000, "the word leaves the layout out: " + args.get(1).length());
    AtomicInteger reads = new AtomicInteger();
    RankLaunch read =
        RankLaunch.parse(
            file -> {
              assertEquals(Path.of("/srv/wall/big.json"), file);
              reads.incrementAndGet();
              return big;
            },
            args.toArray(String[]::new));
    assertEquals(1, reads.get());
    assertEquals(plan, read.plan(), "the file's layout with the plan's loops and media root");
    RankLaunch small =
        new RankLaunch(
            ShowPlan.resolve(
                Path.of("/srv/wall/small.json"),
                wall(4),
                null,
                null,
                Path.of("/run/wall"),
                null,
                false,
                null),
            false);
    assertEquals(small, RankLaunch.parse(NO_FILE, small.args().toArray(String[]::new)));
  }

  private static Layout wall(int screens) {
    List<Screen> list = new java.util.ArrayList<>();
    for (int i = 0; i < screens; i++) {
      list.add(
          new Screen(
              "screen-" + i,
              "rpi" + i,
              null,
              0,
              new Rect(0, 0, 640, 360),
              null,
              "clip-" + i + ".mp4",
              null,
              null));
    }
    return Layout.of(
        1, null, 1, PlayerKind.MPV, "/srv/wall/media", null, null, null, null, null, list);
  }

  @Test
  void anythingElseIsRefused() {
    String word =
        new RankLaunch(
                ShowPlan.resolve(
                    Path.of("/a.json"), wall(1), null, null, Path.of("/r"), null, false, null),
                false)
            .args()
            .get(1);
    assertThrows(IllegalArgumentException.class, () -> RankLaunch.parse(NO_FILE));
    assertThrows(IllegalArgumentException.class, () -> RankLaunch.parse(NO_FILE, "--plan"));
    assertThrows(
        IllegalArgumentException.class,
        () -> RankLaunch.parse(NO_FILE, "--plan", word, "--colour", "red"));
    assertThrows(
        IllegalArgumentException.class, () -> RankLaunch.parse(NO_FILE, "--layout", "a.json"));
    assertThrows(
        IllegalArgumentException.class,
        () -> RankLaunch.parse(NO_FILE, "--plan", "bm90IGEgcGxhbg=="));
  }
}
