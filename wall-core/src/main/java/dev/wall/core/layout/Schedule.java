package dev.wall.core.layout;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Opening hours: outside the {@code open} windows (and on the {@code closed} dates) the wall stops
 * its players and turns its displays off; {@code wakeSeconds} before a window opens it turns them
 * on and starts at loop 1. Kept as the layout spells it; {@code
 * dev.wall.core.schedule.OpeningHours} is the compiled form.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Schedule(
    String timezone,
    List<Window> open,
    List<String> closed,
    int wakeSeconds,
    DisplayPowerKind displayPower) {

  public static final int DEFAULT_WAKE_SECONDS = 30;

  /**
   * One weekly window: on {@code days} ("Mon-Fri", "Sat,Sun"), from {@code from} to {@code to}
   * ("09:30").
   */
  public record Window(String days, String from, String to) {
    @JsonCreator
    public static Window of(
        @JsonProperty("days") String days,
        @JsonProperty("from") String from,
        @JsonProperty("to") String to) {
      return new Window(days, from, to);
    }
  }

  @JsonCreator
  public static Schedule of(
      @JsonProperty("timezone") String timezone,
      @JsonProperty("open") List<Window> open,
      @JsonProperty("closed") List<String> closed,
      @JsonProperty("wakeSeconds") Integer wakeSeconds,
      @JsonProperty("displayPower") DisplayPowerKind displayPower) {
    return new Schedule(
        timezone,
        open == null ? List.of() : List.copyOf(open),
        closed == null ? List.of() : List.copyOf(closed),
        wakeSeconds == null ? DEFAULT_WAKE_SECONDS : wakeSeconds,
        displayPower == null ? DisplayPowerKind.AUTO : displayPower);
  }
}
