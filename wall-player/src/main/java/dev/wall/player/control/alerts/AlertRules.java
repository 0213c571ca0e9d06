package dev.wall.player.control.alerts;

import dev.wall.core.sync.ScreenState;
import dev.wall.player.control.WallEvents;
import dev.wall.player.wire.WallEvent;
import dev.wall.player.wire.WallStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * When the wall needs a person, and when it no longer does: one alert, and one "resolved" when it
 * is over, for a screen given up, a node lost, the wall not playing for more than {@code
 * notPlaying} while the schedule has it on, and skew above a threshold for a minute. Nothing is
 * raised while the schedule has the wall off; at its closing an alert about the wall not playing or
 * its skew is resolved, as the wall stops on purpose. A screen or node alert stays open until that
 * screen or node plays again.
 *
 * <p>It learns from the events and the control rounds, and {@link #tick} (about once a second)
 * notices what does not come: rounds.
 */
public final class AlertRules implements WallEvents, Consumer<WallStatus> {
  /** Skew must stay above its threshold this long before anyone is told. */
  public static final Duration SKEW_FOR = Duration.ofMinutes(1);

  private final Duration notPlaying;
  private final double skewFrames;
  private final Clock clock;
  private final Consumer<Alert> out;
  private final Map<String, Alert> open = new LinkedHashMap<>();
  private boolean on;
  private Instant playingAt;
  private Instant skewSince;

  /**
   * @param scheduled the wall has opening hours: it is off until the schedule says on
   * @param out each alert raised or resolved, in order
   */
  public AlertRules(
      Duration notPlaying, double skewFrames, boolean scheduled, Clock clock, Consumer<Alert> out) {
    this.notPlaying = notPlaying;
    this.skewFrames = skewFrames;
    this.clock = clock;
    this.out = out;
    this.on = !scheduled;
    this.playingAt = clock.instant();
  }

  /** Alerts open now, oldest first. */
  public synchronized List<Alert> open() {
    return List.copyOf(open.values());
  }

  @Override
  public synchronized void publish(WallEvent event) {
    Map<String, String> facts = event.facts();
    switch (event.kind()) {
      case SCHEDULE_ON -> {
        on = true;
        playingAt = clock.instant();
        skewSince = null;
      }
      case SCHEDULE_OFF -> {
        on = false;
        skewSince = null;
        resolve("not-playing", "wall", "the schedule closed the wall");
        resolve("skew", "wall", "the schedule closed the wall");
      }
      case SCREEN_GIVEN_UP ->
          raise(
              "screen-given-up",
              facts.get("screen"),
              "screen "
                  + facts.get("screen")
                  + " on "
                  + facts.get("host")
                  + " was given up (its"
                  + " player failed too often"
                  + cause(facts)
                  + "); it is black until the next loop,"
                  + " when it tries again",
              facts);
      case SCREEN_BACK ->
          resolve(
              "screen-given-up",
              facts.get("screen"),
              "screen " + facts.get("screen") + " on " + facts.get("host") + " plays again");
      case NODE_LOST -> {
        for (String host : facts.getOrDefault("hosts", "").split(",")) {
          if (!host.isEmpty()) {
            raise(
                "node-lost",
                host,
                host
                    + " was lost: "
                    + facts.getOrDefault("cause", "")
                    + ". Check that it is on and connected",
                facts);
          }
        }
      }
      default -> {}
    }
  }

  @Override
  public synchronized void accept(WallStatus status) {
    Instant now = clock.instant();
    boolean anyPlaying = status.screens().stream().anyMatch(s -> s.state() == ScreenState.PLAYING);
    if (anyPlaying) {
      playingAt = now;
      resolve("not-playing", "wall", "the wall plays again");
    }
    for (Alert alert : List.copyOf(open.values())) {
      if (alert.kind().equals("node-lost")
          && status.screens().stream()
              .filter(s -> s.host().equals(alert.subject()))
              .allMatch(s -> s.state() == ScreenState.PLAYING)) {
        resolve("node-lost", alert.subject(), alert.subject() + " plays again");
      }
    }
    if (anyPlaying && status.skewFrames() > skewFrames) {
      skewSince = skewSince == null ? now : skewSince;
      if (!now.isBefore(skewSince.plus(SKEW_FOR))) {
        raise(
            "skew",
            "wall",
            String.format(
                java.util.Locale.ROOT,
                "the screens have been more than %.1f frames apart for a minute (%.1f frames now)",
                skewFrames,
                status.skewFrames()),
            Map.of(
                "skewFrames", String.format(java.util.Locale.ROOT, "%.2f", status.skewFrames())));
      }
    } else if (anyPlaying) {
      skewSince = null;
      resolve("skew", "wall", "the screens are within " + skewFrames + " frames again");
    }
  }

  /** Notices a wall that has not played for too long while open; call about once a second. */
  public synchronized void tick() {
    Instant now = clock.instant();
    if (on && now.isAfter(playingAt.plus(notPlaying))) {
      raise(
          "not-playing",
          "wall",
          "the wall has not played for "
              + Duration.between(playingAt, now).toSeconds()
              + " s while open",
          Map.of());
    }
  }

  private void raise(String kind, String subject, String summary, Map<String, String> facts) {
    if (!on || subject == null) {
      return; // closed on purpose: nothing needs a person
    }
    Alert alert = new Alert(kind, subject, true, clock.instant(), summary, facts);
    if (open.putIfAbsent(alert.key(), alert) == null) {
      out.accept(alert);
    }
  }

  private void resolve(String kind, String subject, String summary) {
    Alert was = open.remove(kind + ":" + subject);
    if (was != null) {
      out.accept(
          new Alert(kind, subject, false, clock.instant(), "resolved: " + summary, was.facts()));
    }
  }

  private static String cause(Map<String, String> facts) {
    String cause = facts.get("cause");
    return cause == null ? "" : "; last: " + cause;
  }
}
