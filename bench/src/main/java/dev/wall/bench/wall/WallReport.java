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
 * @param rateValues the same rates, as numbers
 * @param screenTrims rate trims of {@code screen}, all loops
 * @param itemsPerLoop how many playlist items each loop lists
 * @param loopsPlayed the report's own count of loops, on its last line
 * @param itemsPlayed the report's own count of items, all loops, on its last line
 * @param droppedFrames frames the players dropped, all loops, all screens; -1 when the report does
 *     not count them (an older wall)
 * @param droppedPerScreen each screen that dropped frames, with how many, all loops
 */
public record WallReport(
    int loops,
    int seeks,
    List<String> skewsMs,
    List<String> rates,
    List<Double> rateValues,
    int screenTrims,
    List<Integer> itemsPerLoop,
    int loopsPlayed,
    int itemsPlayed,
    long droppedFrames,
    java.util.SortedMap<String, Long> droppedPerScreen) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads {@code file}; an absent file is a run where no loop finished. */
  public static WallReport read(Path file, String screen) throws IOException {
    if (!Files.isRegularFile(file)) {
      return new WallReport(
          0, 0, List.of(), List.of(), List.of(), 0, List.of(), 0, 0, -1, new java.util.TreeMap<>());
    }
    List<JsonNode> loops = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        loops.add(JSON.readTree(line));
      }
    }
    JsonNode last = loops.isEmpty() ? JSON.createObjectNode() : loops.get(loops.size() - 1);
    int seeks = 0;
    int trims = 0;
    List<String> skews = new ArrayList<>();
    List<String> rates = new ArrayList<>();
    List<Double> rateValues = new ArrayList<>();
    List<Integer> items = new ArrayList<>();
    long dropped = -1;
    java.util.SortedMap<String, Long> droppedPerScreen = new java.util.TreeMap<>();
    for (JsonNode loop : loops) {
      seeks += loop.path("seeks").asInt();
      skews.add(String.format(Locale.ROOT, "%.1f", loop.path("maxSkewSeconds").asDouble() * 1000));
      items.add(loop.path("items").size());
      for (JsonNode each : loop.path("screens")) {
        if (each.has("droppedFrames")) {
          long frames = each.path("droppedFrames").asLong();
          dropped = Math.max(0, dropped) + frames;
          if (frames > 0) {
            droppedPerScreen.merge(each.path("name").asText(), frames, Long::sum);
          }
        }
        if (each.path("name").asText().equals(screen)) {
          rates.add(
              String.format(
                  Locale.ROOT,
                  "%.4f (%d trims)",
                  each.path("rate").asDouble(),
                  each.path("trims").asInt()));
          rateValues.add(each.path("rate").asDouble());
          trims += each.path("trims").asInt();
        }
      }
    }
    return new WallReport(
        loops.size(),
        seeks,
        List.copyOf(skews),
        List.copyOf(rates),
        List.copyOf(rateValues),
        trims,
        List.copyOf(items),
        last.path("loopsPlayed").asInt(),
        last.path("itemsPlayed").asInt(),
        dropped,
        droppedPerScreen);
  }
}
