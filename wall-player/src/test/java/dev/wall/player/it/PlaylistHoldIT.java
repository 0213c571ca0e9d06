package dev.wall.player.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wall.player.cli.WallCli;
import dev.wall.player.testing.ClipCache;
import dev.wall.player.testing.TestDisplay;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code "unevenItems": "hold"} end to end: real mpirun, two real mpv windows on Xvfb, a 2-item
 * playlist whose items are 1 s on one screen and 2 s on the other. Each item lasts as long as its
 * longest clip, the shorter one held on its last frame; the report counts both items.
 */
class PlaylistHoldIT {
  @TempDir Path dir;

  @Test
  void unevenItemsAreHeldUntilTheLongestEndsAndTheReportCountsThem() throws Exception {
    for (String[] clip : new String[][] {{"a1", "1"}, {"a2", "2"}, {"b1", "2"}, {"b2", "1"}}) {
      ClipCache.into(dir, clip[0], 160, 90, Double.parseDouble(clip[1]), 0);
    }
    Path layout = dir.resolve("hold.json");
    Files.writeString(
        layout,
        "{\"version\": 1, \"player\": \"mpv\", \"unevenItems\": \"hold\", \"mediaRoot\": \""
            + dir
            + "\", \"screens\": ["
            + "{\"name\": \"a\", \"host\": \"localhost\", \"window\": {\"x\": 0, \"y\": 0, \"width\": 160, \"height\": 90},"
            + " \"media\": [\"a1.mp4\", \"a2.mp4\"]},"
            + "{\"name\": \"b\", \"host\": \"localhost\", \"window\": {\"x\": 160, \"y\": 0, \"width\": 160, \"height\": 90},"
            + " \"media\": [\"b1.mp4\", \"b2.mp4\"]}]}");
    Path report = dir.resolve("report.jsonl");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        WallCli.run(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "play",
            layout.toString(),
            "--loops",
            "2",
            "--display",
            TestDisplay.shared().display(),
            "--run-dir",
            dir.resolve("run").toString(),
            "--report",
            report.toString());

    assertEquals(0, code, "stdout:\n" + out + "\nstderr:\n" + err);
    assertTrue(
        out.toString().contains("loop 1/2: ") && out.toString().contains(", 2 items,"),
        out.toString());
    List<JsonNode> loops = new java.util.ArrayList<>();
    for (String line : Files.readAllLines(report)) {
      loops.add(new ObjectMapper().readTree(line));
    }
    assertEquals(2, loops.size(), "one line per loop");
    assertEquals(2, loops.get(1).get("loopsPlayed").asInt());
    assertEquals(4, loops.get(1).get("itemsPlayed").asInt());
    for (JsonNode loop : loops) {
      assertEquals(2, loop.get("items").size(), loop.toString());
      assertTrue(
          loop.get("seconds").asDouble() >= 3.9,
          "each item lasts as long as its longest clip: " + loop);
      assertEquals(
          2.0 - 1 / 30.0,
          loop.get("screens").get(0).get("endPosition").asDouble(),
          0.02,
          "a ends item 2");
      assertEquals(
          1.0 - 1 / 30.0,
          loop.get("screens").get(1).get("endPosition").asDouble(),
          0.02,
          "b ends item 2");
    }
  }
}
