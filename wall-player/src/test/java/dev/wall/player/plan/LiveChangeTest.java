package dev.wall.player.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wall.core.layout.BoardKind;
import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LoopMode;
import dev.wall.core.layout.PlayFrom;
import dev.wall.core.layout.Rect;
import dev.wall.core.layout.Screen;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveChangeTest {
  private static Screen screen(String name, String host, String media, int x) {
    return new Screen(name, host, null, 0, new Rect(x, 0, 10, 10), null, media, null, null);
  }

  private static Layout layout(int loops, LoopMode mode, Screen... screens) {
    return Layout.of(1, null, loops, null, "/srv", null, null, mode, null, null, List.of(screens));
  }

  private final Layout running =
      layout(3, LoopMode.LOCKSTEP, screen("a", "n1", "a.mp4", 0), screen("b", "n2", "b.mp4", 10));

  @Test
  void clipsAndLoopsAreTakenWhilePlaying() {
    assertEquals(List.of(), LiveChange.notLive(running, running));
    assertEquals(
        List.of(),
        LiveChange.notLive(
            running,
            layout(
                0,
                LoopMode.LOCKSTEP,
                screen("a", "n1", "spring.mp4", 0),
                screen("b", "n2", "summer.mp4", 10))));
  }

  @Test
  void whatTheRanksOrPlayersStandOnIsNamed() {
    assertEquals(
        List.of("screens[1].host", "screens[1].window"),
        LiveChange.notLive(
            running,
            layout(
                3,
                LoopMode.LOCKSTEP,
                screen("a", "n1", "a.mp4", 0),
                screen("b", "n3", "b.mp4", 20))));
    assertEquals(
        List.of("loopMode"),
        LiveChange.notLive(
            running,
            layout(
                3,
                LoopMode.INDEPENDENT,
                screen("a", "n1", "a.mp4", 0),
                screen("b", "n2", "b.mp4", 10))));
    assertEquals(
        List.of("the number of screens (2 to 1)"),
        LiveChange.notLive(running, layout(3, LoopMode.LOCKSTEP, screen("a", "n1", "a.mp4", 0))));
  }

  @Test
  void whereAPublishedWallPlaysFromAndANodesBoardAreTakenWhilePlaying() {
    Screen a = screen("a", "n1", "a.mp4", 0);
    Screen onAPi5 =
        new Screen(
            a.name(),
            a.host(),
            a.address(),
            a.output(),
            a.window(),
            a.region(),
            a.media(),
            a.audio(),
            a.playerArgs(),
            a.latencyMs(),
            BoardKind.PI5);
    Layout next =
        new Layout(
            running.version(),
            running.name(),
            running.loops(),
            running.player(),
            running.mediaRoot(),
            running.network(),
            running.sync(),
            running.loopMode(),
            running.unevenItems(),
            running.wall(),
            running.span(),
            List.of(onAPi5, running.screen(1)),
            running.schedule(),
            running.control(),
            running.alerts(),
            PlayFrom.SHARE);
    assertEquals(List.of(), LiveChange.notLive(running, next));
  }
}
