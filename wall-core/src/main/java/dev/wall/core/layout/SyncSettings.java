package dev.wall.core.layout;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Sync tuning. {@code toleranceMs} is the dead band: errors inside it are left alone. {@code
 * seekThresholdMs} is the error beyond which a rank jumps instead of trimming its rate. {@code
 * reference} names the screen whose clock the wall keeps (its rate is never trimmed), or is null:
 * then the one screen with sound is the clock, or, on a silent wall, the median screen.
 */
public record SyncSettings(
    int toleranceMs, int seekThresholdMs, double maxRateTrim, String reference) {

  public static final int DEFAULT_TOLERANCE_MS = 10;
  public static final int DEFAULT_SEEK_THRESHOLD_MS = 500;
  public static final double DEFAULT_MAX_RATE_TRIM = 0.05;
  public static final SyncSettings DEFAULTS =
      new SyncSettings(DEFAULT_TOLERANCE_MS, DEFAULT_SEEK_THRESHOLD_MS, DEFAULT_MAX_RATE_TRIM);

  /** Tuning without a named reference screen. */
  public SyncSettings(int toleranceMs, int seekThresholdMs, double maxRateTrim) {
    this(toleranceMs, seekThresholdMs, maxRateTrim, null);
  }

  @JsonCreator
  public static SyncSettings of(
      @JsonProperty("toleranceMs") Integer toleranceMs,
      @JsonProperty("seekThresholdMs") Integer seekThresholdMs,
      @JsonProperty("maxRateTrim") Double maxRateTrim,
      @JsonProperty("reference") String reference) {
    return new SyncSettings(
        toleranceMs == null ? DEFAULT_TOLERANCE_MS : toleranceMs,
        seekThresholdMs == null ? DEFAULT_SEEK_THRESHOLD_MS : seekThresholdMs,
        maxRateTrim == null ? DEFAULT_MAX_RATE_TRIM : maxRateTrim,
        reference);
  }
}
