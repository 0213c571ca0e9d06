package dev.wall.player.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wall.player.wire.LoopReport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The --report file counts the loops and the playlist items played, and lists each loop's items. */
class PlayReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static String loop(int loop, int items) throws Exception {
    List<LoopReport.ItemPlayed> played = new java.util.ArrayList<>();
    for (int item = 1; item <= items; item++) {
      played.add(new LoopReport.ItemPlayed(item, 0.004 * item, 3));
    }
    return JSON.writeValueAsString(new LoopReport(loop, 0, 9.0, 0.008, 30, 1, 0,
        List.of(new LoopReport.ScreenLoop("a", "rpi1", 8.97, 1.0, 1, 0, "playing", 0)), played));
  }

  @Test
  void countsLoopsAndItemsAfterEveryLoop() throws Exception {
    Path file = dir.resolve("report.json");
    PlayReport report = PlayReport.to(file, Path.of("show.json"));
    report.addLoop(loop(1, 3));
    report.addLoop(loop(2, 3));

    JsonNode written = JSON.readTree(file.toFile());
    assertEquals("show.json", written.get("layout").asText());
    assertEquals(2, written.get("loopsPlayed").asInt());
    assertEquals(6, written.get("itemsPlayed").asInt());
    JsonNode items = written.get("loops").get(1).get("items");
    assertEquals(3, items.size());
    assertEquals(2, items.get(1).get("item").asInt());
    assertEquals(0.008, items.get(1).get("maxSkewSeconds").asDouble(), 1e-9);
  }

  @Test
  void aLoopOfSingleClipsIsOneItem() throws Exception {
    Path file = dir.resolve("report.json");
    PlayReport report = PlayReport.to(file, Path.of("lobby.json"));
    report.addLoop(JSON.writeValueAsString(new LoopReport(1, 1, 20, 0.01, 30, 0, 0, List.of())));
    assertEquals(1, JSON.readTree(file.toFile()).get("itemsPlayed").asInt());
  }
}
