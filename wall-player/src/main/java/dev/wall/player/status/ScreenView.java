package dev.wall.player.status;

/**
 * One screen as the status page shows it.
 *
 * @param state the tile's class: playing, recovering, given-up, stopped or off
 * @param label what the technician reads: {@code playing}, {@code off (schedule, opens Mon 09:30)}
 * @param loop the loop it plays, or null
 * @param skewFrames how far ahead of the wall, in frames, or null
 * @param rate its playback rate, or null
 * @param restarts players started in place of a failed one, or null when unknown
 * @param lastError its last failure, or null
 */
public record ScreenView(
    String name,
    String host,
    String state,
    String label,
    Integer loop,
    Double skewFrames,
    Double rate,
    Integer restarts,
    String lastError) {
  public static final String PLAYING = "playing";
  public static final String RECOVERING = "recovering";
  public static final String GIVEN_UP = "given-up";
  public static final String STOPPED = "stopped";
  public static final String OFF = "off";
}
