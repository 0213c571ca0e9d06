package dev.wall.core.layout;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Sync tuning. {@code toleranceMs} is the dead band: errors inside it are left alone. {@code
 * seekThresholdMs} is the error beyond which a rank jumps instead of trimming its rate.
 */
public record SyncSettings(int toleranceMs, int seekThresholdMs, double maxRateTrim) {

  public static final int DEFAULT_TOLERANCE_MS = 10;
  public static final int DEFAULT_SEEK_THRESHOLD_MS = 500;
  public static final double DEFAULT_MAX_RATE_TRIM = 0.05;
  public static final SyncSettings DEFAULTS =
      new SyncSettings(DEFAULT_TOLERANCE_MS, DEFAULT_SEEK_THRESHOLD_MS, DEFAULT_MAX_RATE_TRIM);

  @JsonCreator
  public static SyncSettings of(
      @JsonProperty("toleranceMs") Integer toleranceMs,
      @JsonProperty("seekThresholdMs") Integer seekThresholdMs,
      @JsonProperty("maxRateTrim") Double maxRateTrim) {
    return new SyncSettings(
        toleranceMs == null ? DEFAULT_TOLERANCE_MS : toleranceMs,
        seekThresholdMs == null ? DEFAULT_SEEK_THRESHOLD_MS : seekThresholdMs,
        maxRateTrim == null ? DEFAULT_MAX_RATE_TRIM : maxRateTrim);
  }
}
