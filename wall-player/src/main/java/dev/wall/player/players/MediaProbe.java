package dev.wall.player.players;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wall.core.io.AtomicFile;
import dev.wall.player.process.Processes;
import java.io.IOException;
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
 * before the player starts, so its start-up time is outside every timed path.
 *
 * <p>What it found is kept in a cache file beside the player's log, one JSON object replaced whole,
 * keyed by the clip's path, size and modification time: a player restarted in place does not wait
 * for ffprobe again, and a clip replaced at the same path is probed again.
 */
public final class MediaProbe {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private MediaProbe() {}

  static List<String> argv(Path media) {
    return List.of(
        "ffprobe",
        "-v",
        "error",
        "-select_streams",
        "v:0",
        "-show_entries",
        "stream=codec_name,profile,level,width,height,avg_frame_rate,r_frame_rate:format=duration",
        "-of",
        "json",
        "-i",
        media.toString());
  }

  /**
   * What {@code media} holds: from {@code cache} when it was made for this very file (path, size
   * and modification time), else from ffprobe, and then kept in {@code cache}.
   */
  public static MediaInfo probe(Path media, Path cache) throws PlayerException {
    ClipStamp stamp;
    try {
      stamp = ClipStamp.of(media);
    } catch (IOException e) {
      throw new PlayerException("cannot read " + media + ": " + PlayerMessages.describe(e), e);
    }
    MediaInfo cached = readCache(cache, stamp);
    if (cached != null) {
      return cached;
    }
    MediaInfo info = run(media);
    try {
      AtomicFile.replacingLinks().write(cache, JSON.writeValueAsBytes(new Cached(stamp, info)));
    } catch (IOException e) {
      // Without a cache the next start probes again; the answer stands.
    }
    return info;
  }

  /** The clip a cache entry was made for. */
  record ClipStamp(String path, long size, long modifiedMillis) {
    static ClipStamp of(Path media) throws IOException {
      Path real = media.toAbsolutePath();
      return new ClipStamp(
          real.toString(), Files.size(real), Files.getLastModifiedTime(real).toMillis());
    }
  }

  /** The cache file: which clip, and what ffprobe said of it. */
  record Cached(ClipStamp clip, MediaInfo info) {}

  private static MediaInfo readCache(Path cache, ClipStamp stamp) {
    try {
      if (!Files.isRegularFile(cache, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        return null;
      }
      Cached cached = JSON.readValue(cache.toFile(), Cached.class);
      // An entry from before the codec was kept is probed again.
      return stamp.equals(cached.clip()) && cached.info() != null && cached.info().codec() != null
          ? cached.info()
          : null;
    } catch (IOException | RuntimeException e) {
      return null; // another format, or torn: probe again
    }
  }

  /** Runs ffprobe, a short call: what it says is read from its output. */
  private static MediaInfo run(Path media) throws PlayerException {
    try {
      Processes.Outcome ffprobe = Processes.run(argv(media), "", TIMEOUT, Map.of());
      if (ffprobe.exitCode() != 0) {
        throw new PlayerException(
            "ffprobe could not read "
                + media
                + ": "
                + complaint(ffprobe.stderr() + "\n" + ffprobe.stdout()));
      }
      return parse(ffprobe.stdout(), media);
    } catch (IOException e) {
      throw new PlayerException(
          "ffprobe could not be run on " + media + ": " + PlayerMessages.describe(e), e);
    }
  }

  /** ffprobe's error lines, without the empty JSON it prints after them. */
  static String complaint(String output) {
    return String.join(
        " | ",
        output
            .lines()
            .map(String::strip)
            .filter(
                line ->
                    !line.isEmpty()
                        && !line.equals("{")
                        && !line.equals("}")
                        && !line.startsWith("\""))
            .limit(3)
            .toList());
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
    String codec = stream.path("codec_name").asText("");
    String profile = stream.path("profile").asText("");
    return new MediaInfo(
        stream.get("width").asInt(),
        stream.get("height").asInt(),
        Math.max(fps, 0),
        duration,
        codec.isEmpty() ? null : codec,
        profile.isEmpty() || profile.equals("unknown") ? null : profile,
        Math.max(0, stream.path("level").asInt(0)));
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
