package dev.wall.player.players.omxplayer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wall.player.playertest.TestMedia;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The test's omxplayer: src/test/resources/omxplayer/fake-omxplayer.py (python3-dbus), installed as
 * an executable, and the calls it recorded.
 */
public final class FakeOmxplayer {
  private static final ObjectMapper JSON = new ObjectMapper();

  public final Path executable;
  public final Path record;

  private FakeOmxplayer(Path executable, Path record) {
    this.executable = executable;
    this.record = record;
  }

  public static FakeOmxplayer install(Path dir) throws IOException {
    Path executable = dir.resolve("omxplayer.bin");
    try (InputStream script =
        FakeOmxplayer.class.getResourceAsStream("/omxplayer/fake-omxplayer.py")) {
      Files.copy(script, executable, StandardCopyOption.REPLACE_EXISTING);
    }
    Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-xr-x"));
    return new FakeOmxplayer(executable, dir.resolve("calls.jsonl"));
  }

  public Map<String, String> environment(double durationSeconds) {
    return Map.of(
        "FAKE_OMXPLAYER_RECORD",
        record.toString(),
        "FAKE_OMXPLAYER_DURATION",
        Double.toString(durationSeconds));
  }

  List<JsonNode> entries() throws IOException {
    List<JsonNode> entries = new ArrayList<>();
    if (Files.exists(record)) {
      for (String line : Files.readAllLines(record)) {
        if (!line.isBlank()) {
          entries.add(JSON.readTree(line));
        }
      }
    }
    return entries;
  }

  /** The method calls, in order, without the start-up record and events. */
  List<JsonNode> calls() throws IOException {
    return entries().stream().filter(e -> e.has("member")).toList();
  }

  List<JsonNode> calls(String member) throws IOException {
    return calls().stream().filter(c -> c.path("member").asText().equals(member)).toList();
  }

  /** The Properties.Get calls for {@code property}. */
  List<JsonNode> reads(String property) throws IOException {
    return calls("Get").stream()
        .filter(c -> c.path("args").path(1).path(1).asText().equals(property))
        .toList();
  }

  JsonNode startup() throws IOException {
    return entries().stream().filter(e -> e.has("argv")).findFirst().orElseThrow();
  }

  static Path workDir(String name) throws IOException {
    return TestMedia.workDir("omx-" + name);
  }
}
