package dev.wall.player.players;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.player.playertest.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The real ffprobe on a clip from media/generate/make-clip. */
@Tag("smoke")
class MediaProbeIT {

  @Test
  void probesAGeneratedClip() throws Exception {
    Path work = TestMedia.workDir("probe");
    MediaInfo info = MediaProbe.probe(TestMedia.barCoded(320, 180, 2), work.resolve("probe.json"));
    assertEquals(new MediaInfo(320, 180, 30, 2.0, "h264", "High", 13), info);
  }

  /**
   * A restarted player does not wait for ffprobe again, and a clip replaced in place is probed
   * again.
   */
  @Test
  void theCacheIsOneObjectKeyedByTheClipsSizeAndTime() throws Exception {
    Path work = TestMedia.workDir("probe-cache");
    Path clip = work.resolve("left.mp4");
    Files.copy(TestMedia.barCoded(320, 180, 2), clip);
    Path cache = work.resolve("left.ffprobe.json");
    assertEquals(
        new MediaInfo(320, 180, 30, 2.0, "h264", "High", 13), MediaProbe.probe(clip, cache));
    com.fasterxml.jackson.databind.JsonNode kept =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(cache.toFile());
    assertEquals(Files.size(clip), kept.path("clip").path("size").asLong());

    // The same clip again: the cache answers (a cache that lies about it proves who answered).
    Files.writeString(cache, Files.readString(cache).replace("\"width\":320", "\"width\":321"));
    assertEquals(321, MediaProbe.probe(clip, cache).width());

    // Replaced at the same path by another clip: probed again, and the cache replaced, not appended
    // to.
    Files.copy(
        TestMedia.barCoded(320, 180, 4), clip, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertEquals(
        new MediaInfo(320, 180, 30, 4.0, "h264", "High", 13), MediaProbe.probe(clip, cache));
    assertEquals(
        4.0,
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(cache.toFile())
            .path("info")
            .path("duration")
            .asDouble());
    try (var files = Files.list(work)) {
      assertEquals(2, files.count(), "the clip and its cache, nothing else");
    }
  }

  @Test
  void aFileThatIsNoClipIsRefusedWithFfprobesWords() throws Exception {
    Path work = TestMedia.workDir("probe-bad");
    Path notAClip = Files.writeString(work.resolve("notes.mp4"), "not a video");
    PlayerException refused =
        assertThrows(
            PlayerException.class, () -> MediaProbe.probe(notAClip, work.resolve("probe.json")));
    assertTrue(
        refused.getMessage().startsWith("ffprobe could not read " + notAClip + ": "),
        refused.getMessage());
    assertTrue(refused.getMessage().contains("Invalid data"), refused.getMessage());
  }
}
