package dev.wall.player.players;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MediaProbeTest {
  private static final Path CLIP = Path.of("/srv/wall/media/a.mp4");

  @Test
  void readsSizeRateAndLengthFromFfprobesJson() throws Exception {
    String json =
        """
        {"programs": [], "streams": [{"width": 1920, "height": 1080, "r_frame_rate": "30000/1001",
         "avg_frame_rate": "30000/1001"}], "format": {"duration": "12.012000"}}""";
    MediaInfo info = MediaProbe.parse(json, CLIP);
    assertEquals(1920, info.width());
    assertEquals(1080, info.height());
    assertEquals(29.97, info.frameRate(), 0.001);
    assertEquals(12.012, info.duration(), 1e-9);
  }

  @Test
  void anUnknownAverageRateFallsBackToTheStreamRate() throws Exception {
    String json =
        """
        {"streams": [{"width": 640, "height": 360, "r_frame_rate": "25/1", "avg_frame_rate": "0/0"}],
         "format": {"duration": "3.0"}}""";
    assertEquals(25, MediaProbe.parse(json, CLIP).frameRate(), 1e-9);
  }

  @Test
  void aClipWithoutVideoIsRefusedByName() {
    PlayerException refused =
        assertThrows(
            PlayerException.class,
            () -> MediaProbe.parse("{\"streams\": [], \"format\": {\"duration\": \"3.0\"}}", CLIP));
    assertEquals("/srv/wall/media/a.mp4 has no video stream", refused.getMessage());
  }
}
