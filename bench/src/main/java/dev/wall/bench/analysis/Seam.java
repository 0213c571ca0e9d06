package dev.wall.bench.analysis;

/**
 * One loop seam as the screenshots saw it: from the last sample before the first screen wrapped
 * back to the start of the clip, to the first sample after the last screen did.
 */
public record Seam(long fromNanos, long toNanos) {
  /** Whether a sample at {@code nanos} was taken at this seam, {@code marginNanos} either side. */
  public boolean covers(long nanos, long marginNanos) {
    return nanos >= fromNanos - marginNanos && nanos <= toNanos + marginNanos;
  }

  Seam merge(Seam other) {
    return new Seam(Math.min(fromNanos, other.fromNanos), Math.max(toNanos, other.toNanos));
  }
}
