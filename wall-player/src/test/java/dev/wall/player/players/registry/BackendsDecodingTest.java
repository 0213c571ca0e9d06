package dev.wall.player.players.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.PlayerKind;
import dev.wall.player.display.DisplayStack.Kind;
import dev.wall.player.players.Board;
import dev.wall.player.players.MediaInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackendsDecodingTest {
  static final Board PI4_BOOKWORM = new Board("Raspberry Pi 4 Model B Rev 1.5", 12);
  static final Board PI5 = new Board("Raspberry Pi 5 Model B Rev 1.0", 12);
  static final MediaInfo H264_1080 = new MediaInfo(1920, 1080, 30, 20, "h264");
  static final MediaInfo HEVC_4K = new MediaInfo(3840, 2160, 60, 20, "hevc");

  @Test
  void omxplayerDecodesH264UpTo1080pInTheFirmwareAndNoHevcAndVlcChoosesForItself() {
    assertTrue(
        Backends.ALL
            .decoding(PlayerKind.OMXPLAYER, PI4_BOOKWORM, Kind.DRM, true, List.of(H264_1080))
            .ok());
    assertFalse(
        Backends.ALL
            .decoding(PlayerKind.OMXPLAYER, PI4_BOOKWORM, Kind.DRM, true, List.of(HEVC_4K))
            .ok());
    assertEquals(
        "VLC's own",
        Backends.ALL.decoding(PlayerKind.VLC, PI5, Kind.X11, true, List.of(HEVC_4K)).decoder());
  }

  @Test
  void autoDecodesAsMpvDoesOnAPi() {
    assertEquals(
        Backends.ALL.decoding(PlayerKind.MPV, PI5, Kind.DRM, true, List.of(HEVC_4K)),
        Backends.ALL.decoding(PlayerKind.AUTO, PI5, Kind.DRM, true, List.of(HEVC_4K)));
  }
}
