package dev.wall.player.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlayReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void eachLoopIsOneJsonLineWithItsTimeAndLayout() throws Exception {
    Path file = dir.resolve("reports/r.jsonl");
    try (PlayReport report = PlayReport.to(file, Path.of("/srv/wall/lobby.json"))) {
      report.addLoop("{\"loop\":1,\"seconds\":20.0}");
      report.addLoop("{\"loop\":2,\"seconds\":20.1}");
    }
    List<String> lines = Files.readAllLines(file);
    assertEquals(2, lines.size());
    JsonNode second = JSON.readTree(lines.get(1));
    assertEquals(2, second.path("loop").asInt());
    assertEquals("/srv/wall/lobby.json", second.path("layout").asText());
    assertTrue(second.path("at").asText().endsWith("Z"));
  }

  /** Months of loops stay within a few files of a few MB: the oldest lines go. */
  @Test
  void theReportIsRotatedBySize() throws Exception {
    Path file = dir.resolve("r.jsonl");
    String loop = "{\"loop\":1,\"screens\":\"" + "x".repeat(1000) + "\"}";
    try (PlayReport report = PlayReport.to(file, Path.of("lobby.json"))) {
      for (int i = 0; i < (PlayReport.LIMIT_BYTES / 1000) * (PlayReport.GENERATIONS + 2); i++) {
        report.addLoop(loop);
      }
    }
    long total = 0;
    for (int g = 0; g <= PlayReport.GENERATIONS; g++) {
      Path f = g == 0 ? file : dir.resolve("r.jsonl." + g);
      assertTrue(Files.size(f) <= PlayReport.LIMIT_BYTES, f + " " + Files.size(f));
      total += Files.size(f);
    }
    assertFalse(Files.exists(dir.resolve("r.jsonl." + (PlayReport.GENERATIONS + 1))));
    assertTrue(total <= (PlayReport.GENERATIONS + 1) * PlayReport.LIMIT_BYTES);
  }

  @Test
  void withoutAFileNothingIsKept() throws Exception {
    try (PlayReport report = PlayReport.to(null, Path.of("lobby.json"))) {
      report.addLoop("{\"loop\":1}");
    }
    try (var files = Files.list(dir)) {
      assertEquals(0, files.count());
    }
  }
}
