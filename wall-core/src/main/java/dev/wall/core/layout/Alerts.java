package dev.wall.core.layout;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Who hears when the wall needs a person, and when it no longer does: one alert and one "resolved"
 * for a screen given up, a node lost, the wall not playing while open, and skew above a threshold
 * for a minute. Nothing is raised while the schedule has the wall off.
 *
 * @param webhooks URLs that get each alert as a signed JSON POST
 * @param email addresses that get each alert by the system's {@code sendmail}
 * @param notPlayingSeconds how long the wall may not play during opening hours before an alert
 * @param skewFrames the skew, in frames, that raises an alert when it lasts a minute
 */
public record Alerts(
    List<String> webhooks, List<String> email, int notPlayingSeconds, double skewFrames) {
  public static final int DEFAULT_NOT_PLAYING_SECONDS = 120;
  public static final double DEFAULT_SKEW_FRAMES = 2;

  @JsonCreator
  public static Alerts of(
      @JsonProperty("webhooks") List<String> webhooks,
      @JsonProperty("email") List<String> email,
      @JsonProperty("notPlayingSeconds") Integer notPlayingSeconds,
      @JsonProperty("skewFrames") Double skewFrames) {
    return new Alerts(
        webhooks == null ? List.of() : List.copyOf(webhooks),
        email == null ? List.of() : List.copyOf(email),
        notPlayingSeconds == null ? DEFAULT_NOT_PLAYING_SECONDS : notPlayingSeconds,
        skewFrames == null ? DEFAULT_SKEW_FRAMES : skewFrames);
  }
}
