package dev.wall.player.wire;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Something that happened to the wall, as it is told to the world outside (webhooks, OSC feedback,
 * alerts, the log): what, when, and its facts by name ({@code screen}, {@code host}, {@code loop},
 * {@code item}, {@code cause}, {@code command}, {@code source}...).
 */
public record WallEvent(Kind kind, Instant at, Map<String, String> facts) {

  /** The events, each with its name on the wire (in webhooks' JSON and OSC addresses). */
  public enum Kind {
    LOOP_STARTED("loop-started"),
    ITEM_CHANGED("item-changed"),
    SCREEN_RECOVERING("screen-recovering"),
    SCREEN_GIVEN_UP("screen-given-up"),
    SCREEN_BACK("screen-back"),
    NODE_LOST("node-lost"),
    JOB_RESTARTED("job-restarted"),
    SCHEDULE_OFF("schedule-off"),
    SCHEDULE_ON("schedule-on"),
    COMMAND_APPLIED("command-applied");

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  public WallEvent {
    facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
  }

  public static WallEvent of(Kind kind, Instant at, Map<String, String> facts) {
    return new WallEvent(kind, at, facts);
  }
}
