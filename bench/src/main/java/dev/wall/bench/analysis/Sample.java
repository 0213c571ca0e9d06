package dev.wall.bench.analysis;

import dev.wall.bench.code.TileReading;
import java.util.List;

/**
 * One screenshot, decoded.
 *
 * @param nanos when it arrived ({@link System#nanoTime()} of the benchmark)
 * @param tiles each screen's reading, in screen (rank) order
 */
public record Sample(long nanos, List<TileReading> tiles) {
  public boolean allDecoded() {
    return tiles.stream().allMatch(TileReading::isDecoded);
  }

  public int[] frames() {
    return tiles.stream().filter(TileReading::isDecoded).mapToInt(TileReading::frame).toArray();
  }

  public long failedTiles() {
    return tiles.stream().filter(t -> !t.isDecoded()).count();
  }

  public int spread(int clipFrames) {
    return Spread.circular(frames(), clipFrames);
  }
}
