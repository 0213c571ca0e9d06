package dev.wall.bench.analysis;

import java.util.List;
import java.util.SortedMap;

/**
 * What the screenshots of one run say. Everything counts from start-up on: before it, the screens
 * are expected to be blank.
 *
 * @param startupSeconds from launching the wall to the first sample where every tile decoded and
 *     every screen was past frame 0 (and in the first half of the clip); NaN if that never came
 * @param samples screenshots from start-up on
 * @param samplingSeconds time between the first and the last of them
 * @param decodedSamples samples where every tile decoded, which are the ones spread is taken on
 * @param medianSpread median spread in frames over decoded samples
 * @param maxSpread the largest
 * @param spreadCounts how many decoded samples had each spread
 * @param blankTiles tiles with no clip on them (no marker), all samples
 * @param undecodableTiles tiles with a marker but no valid code
 * @param tornTiles decoded tiles caught mid-repaint (two frames in one band): not failures
 * @param seams loop seams seen
 * @param seamSamples samples taken at a seam (within the margin)
 * @param failedTilesAtSeams blank or undecodable tiles in those samples: failures
 * @param loops the same figures per loop, seams included in the loop they end
 */
public record SyncFigures(
    double startupSeconds,
    int samples,
    double samplingSeconds,
    int decodedSamples,
    double medianSpread,
    int maxSpread,
    SortedMap<Integer, Integer> spreadCounts,
    int blankTiles,
    int undecodableTiles,
    int tornTiles,
    int seams,
    int seamSamples,
    int failedTilesAtSeams,
    List<LoopFigures> loops) {

  /**
   * @param loop 1-based, counted from start-up
   */
  public record LoopFigures(
      int loop,
      int samples,
      int decodedSamples,
      double medianSpread,
      int maxSpread,
      long failedTiles) {}

  public boolean started() {
    return !Double.isNaN(startupSeconds);
  }
}
