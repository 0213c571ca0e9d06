package dev.wall.player.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wall.core.layout.Rect;
import dev.wall.player.cli.WallCli;
import dev.wall.player.display.VirtualDisplay;
import dev.wall.player.display.XWindows;
import dev.wall.player.testing.Poll;
import dev.wall.player.testing.TestDisplay;
import dev.wall.player.testing.TestWall;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wall play} end to end: real mpirun, four real Java ranks, four real mpv windows on Xvfb.
 */
@Tag("smoke")
class PlayWallIT {
  private static final Map<String, Rect> WINDOWS =
      Map.of(
          "tl",
          new Rect(0, 0, 320, 180),
          "tr",
          new Rect(320, 0, 320, 180),
          "bl",
          new Rect(0, 180, 320, 180),
          "br",
          new Rect(320, 180, 320, 180));

  @TempDir Path dir;
  private VirtualDisplay display;

  @BeforeEach
  void takeDisplay() throws Exception {
    display = TestDisplay.shared();
  }

  @Test
  void aTwoByTwoWallPlaysEveryLoopOnEveryScreenInItsWindow() throws Exception {
    Path layout = TestWall.write(dir, 5, 2, new java.util.TreeMap<>(WINDOWS));
    Path report = dir.resolve("report.jsonl");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CompletableFuture<Integer> play =
        CompletableFuture.supplyAsync(
            () ->
                WallCli.run(
                    new PrintWriter(out, true),
                    new PrintWriter(err, true),
                    "play",
                    layout.toString(),
                    "--loops",
                    "2",
                    "--display",
                    display.display(),
                    "--run-dir",
                    dir.resolve("run").toString(),
                    "--report",
                    report.toString()));

    // Read the windows back while loop 2 plays: by then every player is prepared and placed.
    Poll.until(
        Duration.ofSeconds(60), "the first loop to end", () -> out.toString().contains("loop 1/2"));
    Map<String, Rect> windows =
        Poll.until(
            Duration.ofSeconds(10),
            "four wall windows",
            () -> {
              Map<String, Rect> found =
                  XWindows.list(display.display(), dir).entrySet().stream()
                      .filter(e -> e.getKey().startsWith("wall:"))
                      .collect(Collectors.toMap(e -> e.getKey().substring(5), Map.Entry::getValue));
              return found.size() == 4 ? found : null;
            });
    int code = play.get(90, TimeUnit.SECONDS);

    assertEquals(0, code, "stdout:\n" + out + "\nstderr:\n" + err);
    assertEquals(
        WINDOWS, windows, "each window sits at its layout geometry, as the X server reports it");
    List<String> loopLines = out.toString().lines().filter(l -> l.startsWith("loop ")).toList();
    assertEquals(2, loopLines.size(), out.toString());
    assertTrue(loopLines.get(0).startsWith("loop 1/2: "), loopLines.get(0));
    assertTrue(loopLines.get(1).startsWith("loop 2/2: "), loopLines.get(1));

    List<JsonNode> loops = new java.util.ArrayList<>();
    for (String line : Files.readAllLines(report)) {
      loops.add(new ObjectMapper().readTree(line));
    }
    assertEquals(2, loops.size(), "one JSON line per loop");
    for (JsonNode loop : loops) {
      assertEquals(4, loop.get("screens").size());
      for (JsonNode screen : loop.get("screens")) {
        double end = screen.get("endPosition").asDouble();
        assertEquals(2.0 - 1 / 30.0, end, 0.02, "every screen reached its last frame: " + screen);
      }
      assertTrue(loop.get("seconds").asDouble() >= 1.9, loop.toString());
      assertEquals(layout.toString(), loop.get("layout").asText());
      assertTrue(
          java.time.Instant.parse(loop.get("at").asText()).isBefore(java.time.Instant.now()));
    }
  }
}
