package dev.wall.player.rank;

/**
 * One loop of the wall, as rank 0 saw it.
 *
 * @param loop 1-based loop number
 * @param loops loops planned, 0 for forever
 * @param seconds wall time from release to the seam
 * @param maxSkewSeconds the worst spread of positions across screens at any control round
 * @param frameRate frames per second of the clips, to express the skew in frames
 * @param trims rate corrections made
 * @param seeks seeks made to recover a stalled screen
 */
public record LoopReport(
    int loop, int loops, double seconds, double maxSkewSeconds, double frameRate, int trims, int seeks) {

  public String line() {
    String of = loops == 0 ? "forever" : String.valueOf(loops);
    return String.format(java.util.Locale.ROOT,
        "loop %d/%s: %.2f s, skew max %.1f ms (%.2f frames), corrections: %d rate trims, %d seeks",
        loop, of, seconds, maxSkewSeconds * 1000, maxSkewSeconds * frameRate, trims, seeks);
  }
}
