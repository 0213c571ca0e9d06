package dev.wall.player.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wall.player.process.Processes;
import dev.wall.player.testing.Cli;
import dev.wall.player.testing.ClipCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wall media prepare} on screens with clips of their own: a clip larger than its screen is
 * scaled down and one that fits is not; the shorter clip is held to the longer one's frame count;
 * sound stays only on the screen with sound; and a changed source is encoded again, alone.
 */
class PrepareOwnClipsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void ownClipsAreScaledOnlyWhereLargerHeldToOneFrameCountAndOnlyTheSoundScreenKeepsSound()
      throws Exception {
    Path big = ClipCache.withTone(ClipCache.barCoded("big", 320, 180, 2, 30, 0, 0), 440);
    ClipCache.copy(big, dir, "big.mp4");
    ClipCache.copy(
        ClipCache.withTone(ClipCache.barCoded("small", 160, 90, 1, 30, 90, 0), 880),
        dir,
        "small.mp4");
    Path layout = dir.resolve("hall.json");
    Files.writeString(
        layout,
        "{\"version\": 1, \"mediaRoot\": \""
            + dir
            + "\", \"screens\": ["
            + "{\"name\": \"loud\", \"host\": \"localhost\", \"media\": \"big.mp4\","
            + " \"window\": {\"x\": 0, \"y\": 0, \"width\": 160, \"height\": 90},"
            + " \"audio\": \"hdmi\"},"
            + "{\"name\": \"quiet\", \"host\": \"localhost\", \"media\": \"small.mp4\","
            + " \"window\": {\"x\": 160, \"y\": 0, \"width\": 320, \"height\": 180}}]}");

    Cli first = Cli.run("media", "prepare", layout, "--board", "localhost=pc");
    assertEquals(0, first.code(), first.out() + first.err());

    Path out = dir.resolve("prepared/hall");
    JsonNode files = JSON.readTree(out.resolve("manifest.json").toFile()).get("files");
    Path loud = out.resolve(files.get(0).get("file").asText());
    Path quiet = out.resolve(files.get(1).get("file").asText());
    assertEquals(List.of("160", "90", "60"), video(loud), "scaled down to its screen");
    assertEquals(
        List.of("160", "90", "60"),
        video(quiet),
        "not scaled up; held to the longer clip's frames");
    assertEquals("aac", audio(loud), "the screen with sound keeps it");
    assertEquals("", audio(quiet), "a silent screen's file has no sound");

    ClipCache.copy(
        ClipCache.withTone(ClipCache.barCoded("small", 160, 90, 1, 30, 180, 0), 880),
        dir,
        "small-2.mp4");
    Files.move(
        dir.resolve("small-2.mp4"),
        dir.resolve("small.mp4"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Cli second = Cli.run("media", "prepare", layout, "--board", "localhost=pc");
    assertEquals(0, second.code(), second.out() + second.err());
    assertTrue(second.out().contains("1 encoded, 1 unchanged"), second.out());
    assertTrue(second.out().contains("quiet: encoded "), second.out());
    assertTrue(Files.exists(loud), "the unchanged file stays");
  }

  /** Width, height and frames counted. */
  private static List<String> video(Path file) throws Exception {
    return List.of(
        ffprobe(file, "v:0", "stream=width,height,nb_read_frames", "-count_frames").split(","));
  }

  /** The audio codec, or empty for none. */
  private static String audio(Path file) throws Exception {
    return ffprobe(file, "a", "stream=codec_name", null);
  }

  private static String ffprobe(Path file, String streams, String entries, String extra)
      throws Exception {
    List<String> argv =
        new java.util.ArrayList<>(List.of("ffprobe", "-v", "error", "-select_streams", streams));
    if (extra != null) {
      argv.add(extra);
    }
    argv.addAll(List.of("-show_entries", entries, "-of", "csv=p=0", file.toString()));
    Processes.Outcome said = Processes.run(argv, "", Duration.ofSeconds(60), Map.of());
    assertEquals(0, said.exitCode(), said.stderr());
    return said.stdout().strip();
  }
}
