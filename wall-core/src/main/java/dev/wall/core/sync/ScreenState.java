package dev.wall.core.sync;

import java.util.Locale;

/**
 * What one screen is doing, as the technician reads it in {@code wall status} and as rank 0 reads
 * it in every control round: only a {@link #PLAYING} screen is held to the others.
 */
public enum ScreenState {
  /** Its player plays in step with the wall. */
  PLAYING,
  /**
   * Its player failed (exited, or answered nothing) and a new one is being started in its place.
   */
  RECOVERING,
  /** Its player failed too often; the screen is black until the next loop seam or start. */
  GIVEN_UP,
  /** The wall is not playing (between two runs of the job, or after it ended). */
  STOPPED;

  /** As the technician reads it: {@code given up}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
