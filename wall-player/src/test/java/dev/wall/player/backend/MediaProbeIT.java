package dev.wall.player.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.player.playertest.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The real ffprobe on a clip from media/generate/make-clip. */
class MediaProbeIT {

  @Test
  void probesAGeneratedClip() throws Exception {
    Path work = TestMedia.workDir("probe");
    MediaInfo info = MediaProbe.probe(TestMedia.barCoded(320, 180, 2), work.resolve("probe.json"));
    assertEquals(new MediaInfo(320, 180, 30, 2.0), info);
  }

  @Test
  void aFileThatIsNoClipIsRefusedWithFfprobesWords() throws Exception {
    Path work = TestMedia.workDir("probe-bad");
    Path notAClip = Files.writeString(work.resolve("notes.mp4"), "not a video");
    PlayerException refused = assertThrows(PlayerException.class,
        () -> MediaProbe.probe(notAClip, work.resolve("probe.json")));
    assertTrue(refused.getMessage().startsWith("ffprobe could not read " + notAClip + ": "), refused.getMessage());
    assertTrue(refused.getMessage().contains("Invalid data"), refused.getMessage());
  }
}
