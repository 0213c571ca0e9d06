package dev.wall.player.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wall.player.wire.LoopReport;
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

  private static String loop(int loop, int items) throws Exception {
    List<LoopReport.ItemPlayed> played = new java.util.ArrayList<>();
    for (int item = 1; item <= items; item++) {
      played.add(new LoopReport.ItemPlayed(item, 0.004 * item, 3));
    }
    return JSON.writeValueAsString(
        new LoopReport(
            loop,
            0,
            9.0,
            0.008,
            30,
            1,
            0,
            List.of(new LoopReport.ScreenLoop("a", "rpi1", 8.97, 1.0, 1, 0, "playing", 0)),
            played));
  }

  /** A loop in which every screen was frozen or recovering says so, and is not counted played. */
  @Test
  void aLoopInWhichNoScreenPlayedSaysSoAndIsNotCounted() throws Exception {
    LoopReport frozen =
        new LoopReport(
            2,
            0,
            5.02,
            0,
            30,
            0,
            0,
            List.of(
                new LoopReport.ScreenLoop("a", "rpi1", 0, 1, 0, 0, "recovering", 1, 0, false),
                new LoopReport.ScreenLoop("b", "rpi2", 0, 1, 0, 0, "recovering", 1, 0, false)));
    assertEquals(
        "loop 2/forever: 5.02 s, no screen played (a recovering, b recovering)", frozen.line());
    LoopReport half =
        new LoopReport(
            3,
            0,
            5.02,
            0.001,
            30,
            0,
            0,
            List.of(
                new LoopReport.ScreenLoop("a", "rpi1", 5, 1, 0, 0, "playing", 0, 0, true),
                new LoopReport.ScreenLoop("b", "rpi2", 0, 1, 0, 0, "given up", 5, 0, false)));
    assertTrue(half.line().endsWith("; did not play: b given up"), half.line());
    Path file = dir.resolve("frozen.jsonl");
    try (PlayReport report = PlayReport.to(file, Path.of("show.json"))) {
      report.addLoop(loop(1, 1));
      report.addLoop(JSON.writeValueAsString(frozen));
      report.addLoop(JSON.writeValueAsString(half));
    }
    List<String> lines = Files.readAllLines(file);
    assertEquals(1, JSON.readTree(lines.get(1)).get("loopsPlayed").asInt());
    assertFalse(JSON.readTree(lines.get(1)).get("screens").get(0).get("played").asBoolean());
    assertEquals(2, JSON.readTree(lines.get(2)).get("loopsPlayed").asInt());
  }

  /**
   * Each line counts the loops and the playlist items played so far, and lists its loop's items.
   */
  @Test
  void eachLineCountsLoopsAndItemsSoFar() throws Exception {
    Path file = dir.resolve("report.jsonl");
    try (PlayReport report = PlayReport.to(file, Path.of("show.json"))) {
      report.addLoop(loop(1, 3));
      report.addLoop(loop(2, 3));
      report.addLoop(JSON.writeValueAsString(new LoopReport(3, 0, 20, 0.01, 30, 0, 0, List.of())));
    }
    List<String> lines = Files.readAllLines(file);
    JsonNode second = JSON.readTree(lines.get(1));
    assertEquals("show.json", second.get("layout").asText());
    assertEquals(2, second.get("loopsPlayed").asInt());
    assertEquals(6, second.get("itemsPlayed").asInt());
    JsonNode items = second.get("items");
    assertEquals(3, items.size());
    assertEquals(2, items.get(1).get("item").asInt());
    assertEquals(0.008, items.get(1).get("maxSkewSeconds").asDouble(), 1e-9);
    assertEquals(
        7,
        JSON.readTree(lines.get(2)).get("itemsPlayed").asInt(),
        "a loop of single clips is one item");
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
