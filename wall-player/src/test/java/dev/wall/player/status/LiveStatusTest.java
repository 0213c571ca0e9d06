package dev.wall.player.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import dev.wall.core.schedule.ScheduleClock;
import dev.wall.core.sync.ScreenState;
import dev.wall.player.wire.WallStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page reads the same board as the status file: closed, starting, and a round with one screen
 * recovering.
 */
class LiveStatusTest {
  @TempDir Path runDir;

  @Test
  void showsWhatTheBoardHolds() throws Exception {
    Layout layout = new LayoutReader().read("lobby.json", StatusServerTest.LAYOUT);
    try (StatusBoard board = new StatusBoard(runDir, "ctl", "lobby.json", true)) {
      LiveStatus live =
          new LiveStatus(layout, Optional.empty(), ScheduleClock.system(), board::snapshot);
      live.thumbnails(rank -> Optional.of(StatusServerTest.JPEG));

      StatusView starting = live.now();
      assertEquals("starting", starting.headline());
      assertEquals(
          List.of(ScreenView.STOPPED, ScreenView.STOPPED),
          starting.screens().stream().map(ScreenView::state).toList());
      assertTrue(live.thumbnail(0).isEmpty(), "no thumbnail before a round");

      board.status(
          new WallStatus(
              4,
              0,
              1.5,
              0.2,
              30,
              List.of(
                  new WallStatus.Screen(
                      "tl", "localhost", ScreenState.PLAYING, 1.5, 0.1, 1.0001, 0, null, null),
                  new WallStatus.Screen(
                      "tr",
                      "localhost",
                      ScreenState.RECOVERING,
                      null,
                      null,
                      1.0,
                      1,
                      "mpv was killed",
                      null))));
      StatusView playing = live.now();
      assertEquals(
          List.of(ScreenView.PLAYING, ScreenView.RECOVERING),
          playing.screens().stream().map(ScreenView::state).toList());
      assertEquals(4, playing.screens().get(0).loop());
      assertEquals("mpv was killed", playing.screens().get(1).lastError());
      assertTrue(live.thumbnail(0).isPresent());
      assertTrue(live.thumbnail(1).isEmpty(), "a recovering screen has no thumbnail");

      board.off("off (schedule, opens Mon 09:30)");
      StatusView off = live.now();
      assertEquals("off (schedule, opens Mon 09:30)", off.headline());
      assertEquals(
          List.of("off (schedule, opens Mon 09:30)", "off (schedule, opens Mon 09:30)"),
          off.screens().stream().map(ScreenView::label).toList());
      assertEquals(
          List.of(ScreenView.OFF, ScreenView.OFF),
          off.screens().stream().map(ScreenView::state).toList());
      assertTrue(live.thumbnail(0).isEmpty(), "no thumbnail while closed");
      board.stopped();
    }
  }
}
