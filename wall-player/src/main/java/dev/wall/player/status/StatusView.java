package dev.wall.player.status;

import dev.wall.core.layout.Layout;
import java.time.Instant;
import java.util.List;

/**
 * The wall's health at one instant, as the status page draws it: the same facts as {@code wall
 * status}.
 *
 * @param layout the wall's layout, to draw it to scale
 * @param headline the wall in one line: where it plays, or why it is off
 * @param schedule the next schedule change ({@code opens Mon 09:30}), or null without a schedule
 * @param screens every screen, in rank order
 * @param skew each screen's skew over the last hour, for the plots; none when not kept
 */
public record StatusView(
    Layout layout,
    Instant at,
    String headline,
    String schedule,
    List<ScreenView> screens,
    List<SkewHistory.Trace> skew) {
  public StatusView {
    screens = List.copyOf(screens);
    skew = List.copyOf(skew);
  }

  /** A view without skew plots. */
  public StatusView(
      Layout layout, Instant at, String headline, String schedule, List<ScreenView> screens) {
    this(layout, at, headline, schedule, screens, List.of());
  }
}
