package dev.wall.player.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Audio;
import dev.wall.core.layout.BoardKind;
import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LoopMode;
import dev.wall.core.layout.Network;
import dev.wall.core.layout.PlayFrom;
import dev.wall.core.layout.PlayerKind;
import dev.wall.core.layout.Rect;
import dev.wall.core.layout.Screen;
import dev.wall.core.layout.Size;
import dev.wall.core.layout.Span;
import dev.wall.core.layout.SyncSettings;
import dev.wall.core.layout.UnevenItems;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutWireTest {
  /**
   * Every component set, and every kind of value the model has: nested records, lists, enums,
   * nulls.
   */
  private static final Layout FULL =
      Layout.of(
          1,
          "lobby",
          3,
          PlayerKind.MPV,
          "/srv/wall/media",
          new Network("192.168.1.0/24", "eth0", "192.168.1.1", List.of("192.168.1.1", "9.9.9.9")),
          new SyncSettings(8, 400, 0.03, "left"),
          LoopMode.LOCKSTEP,
          UnevenItems.HOLD,
          new Size(1280, 360),
          new Span(List.of("wide-1.mp4", "wide-2.mp4")),
          List.of(
              new Screen(
                  "left",
                  "rpi1",
                  "192.168.1.101",
                  0,
                  new Rect(0, 0, 640, 360),
                  null,
                  List.of("a.mp4", "b.mp4"),
                  Audio.HDMI,
                  List.of("--vo=gpu", "--title=é ünïcode"),
                  -50,
                  BoardKind.PI5),
              new Screen(
                  "right",
                  "rpi2",
                  null,
                  1,
                  null,
                  new Rect(640, 0, 640, 360),
                  null,
                  null,
                  null,
                  120)));

  @Test
  void aLayoutComesBackEqual() {
    assertEquals(FULL, LayoutWire.decode(LayoutWire.encode(FULL)));
  }

  @Test
  void whereAPublishedWallPlaysFromComesBackToo() {
    Layout share =
        new Layout(
            FULL.version(),
            FULL.name(),
            FULL.loops(),
            FULL.player(),
            FULL.mediaRoot(),
            FULL.network(),
            FULL.sync(),
            FULL.loopMode(),
            FULL.unevenItems(),
            FULL.wall(),
            FULL.span(),
            FULL.screens(),
            FULL.schedule(),
            FULL.control(),
            FULL.alerts(),
            PlayFrom.SHARE);
    Layout back = LayoutWire.decode(LayoutWire.encode(share));
    assertEquals(share, back);
    assertEquals(PlayFrom.SHARE, back.playFrom());
    assertEquals(BoardKind.PI5, back.screen(0).board());
  }

  @Test
  void aMinimalLayoutComesBackEqual() {
    Layout minimal =
        Layout.of(
            1,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            List.of(
                new Screen(
                    "a",
                    "localhost",
                    null,
                    0,
                    new Rect(0, 0, 320, 180),
                    null,
                    "a.mp4",
                    null,
                    null)));
    assertEquals(minimal, LayoutWire.decode(LayoutWire.encode(minimal)));
  }

  @Test
  void anythingElseIsRefused() {
    String good = LayoutWire.encode(FULL);
    byte[] bytes = Base64.getDecoder().decode(good);
    String truncated = Base64.getEncoder().encodeToString(Arrays.copyOf(bytes, bytes.length - 3));
    String longer = Base64.getEncoder().encodeToString(Arrays.copyOf(bytes, bytes.length + 1));
    bytes[5] ^= 1; // the shape fingerprint: another version of the model
    String otherVersion = Base64.getEncoder().encodeToString(bytes);
    for (String text :
        List.of(
            truncated,
            longer,
            otherVersion,
            "not base64 at all!",
            "",
            Base64.getEncoder()
                .encodeToString(
                    "{\"version\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> LayoutWire.decode(text), text);
      assertTrue(e.getMessage().startsWith("not a layout from wall's controller"), e.getMessage());
    }
  }
}
