package dev.wall.player.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wall.player.process.ChildProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Reads a clip's picture size, frame rate and length with ffprobe. ffprobe rather than our own MP4
 * header parser: it reads every container the players read (MP4, MKV, MOV, TS), it reports the
 * decoded picture size that omxplayer's {@code --crop} counts in (an MP4 header's display size can
 * differ for anamorphic clips), and bin/bootstrap installs it with ffmpeg on every node. It runs
 * once per prepare, before the player starts, so its start-up time is outside every timed path.
 */
public final class MediaProbe {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private MediaProbe() {}

  static List<String> argv(Path media) {
    return List.of("ffprobe", "-v", "error", "-select_streams", "v:0",
        "-show_entries", "stream=width,height,avg_frame_rate,r_frame_rate:format=duration",
        "-of", "json", "-i", media.toString());
  }

  /** Probes {@code media}; ffprobe's answer is kept in {@code out} for the curious. */
  public static MediaInfo probe(Path media, Path out) throws PlayerException {
    try (ChildProcess ffprobe = ChildProcess.start("ffprobe", argv(media), out, Map.of())) {
      int code = ffprobe.waitFor(TIMEOUT).orElse(-1);
      String text = Files.readString(out, StandardCharsets.UTF_8);
      if (code != 0) {
        throw new PlayerException("ffprobe could not read " + media + ": " + complaint(text));
      }
      return parse(text, media);
    } catch (IOException e) {
      throw new PlayerException("ffprobe could not be run on " + media + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlayerException("interrupted while probing " + media, e);
    }
  }

  /** ffprobe's error lines, without the empty JSON it prints after them. */
  static String complaint(String output) {
    return String.join(" | ", output.lines().map(String::strip)
        .filter(line -> !line.isEmpty() && !line.equals("{") && !line.equals("}") && !line.startsWith("\""))
        .limit(3).toList());
  }

  static MediaInfo parse(String json, Path media) throws PlayerException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new PlayerException("ffprobe gave no JSON for " + media + ": " + e.getMessage(), e);
    }
    JsonNode stream = root.path("streams").path(0);
    if (!stream.has("width") || !stream.has("height")) {
      throw new PlayerException(media + " has no video stream");
    }
    double fps = rate(stream.path("avg_frame_rate").asText(""));
    if (fps <= 0) {
      fps = rate(stream.path("r_frame_rate").asText(""));
    }
    double duration = root.path("format").path("duration").asDouble(0);
    return new MediaInfo(stream.get("width").asInt(), stream.get("height").asInt(), Math.max(fps, 0), duration);
  }

  /** ffprobe writes rates as fractions, {@code 30000/1001}; {@code 0/0} means unknown. */
  static double rate(String fraction) {
    String[] parts = fraction.split("/");
    try {
      double numerator = Double.parseDouble(parts[0]);
      double denominator = parts.length > 1 ? Double.parseDouble(parts[1]) : 1;
      return denominator == 0 ? 0 : numerator / denominator;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
