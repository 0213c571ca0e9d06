package dev.wall.bench.wall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code wall play --report} wrote, one JSON line per loop: the runtime's own view of each
 * finished loop.
 *
 * @param loops loops finished (the one cut short when the case ended is not in it)
 * @param seeks seeks made, all loops, all screens
 * @param skewsMs each loop's worst skew as the runtime measured it
 * @param rates each loop's rate of {@code screen} at its seam, with its trims, as text
 */
public record WallReport(int loops, int seeks, List<String> skewsMs, List<String> rates) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads {@code file}; an absent file is a run where no loop finished. */
  public static WallReport read(Path file, String screen) throws IOException {
    if (!Files.isRegularFile(file)) {
      return new WallReport(0, 0, List.of(), List.of());
    }
    List<JsonNode> loops = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        loops.add(JSON.readTree(line));
      }
    }
    int seeks = 0;
    List<String> skews = new ArrayList<>();
    List<String> rates = new ArrayList<>();
    for (JsonNode loop : loops) {
      seeks += loop.path("seeks").asInt();
      skews.add(String.format(Locale.ROOT, "%.1f", loop.path("maxSkewSeconds").asDouble() * 1000));
      for (JsonNode each : loop.path("screens")) {
        if (each.path("name").asText().equals(screen)) {
          rates.add(String.format(Locale.ROOT, "%.4f (%d trims)", each.path("rate").asDouble(),
              each.path("trims").asInt()));
        }
      }
    }
    return new WallReport(loops.size(), seeks, List.copyOf(skews), List.copyOf(rates));
  }
}
