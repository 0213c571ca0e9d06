package dev.wall.player.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The page's facts as JSON, for scripts and monitoring: {@code /status.json}. */
final class StatusJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StatusJson() {}

  static String of(StatusView view) {
    ObjectNode root = JSON.createObjectNode();
    root.put("wall", view.layout().name());
    root.put("at", view.at().toString());
    root.put("headline", view.headline());
    root.put("schedule", view.schedule());
    ArrayNode screens = root.putArray("screens");
    for (ScreenView s : view.screens()) {
      ObjectNode screen = screens.addObject();
      screen.put("name", s.name());
      screen.put("host", s.host());
      screen.put("state", s.state());
      screen.put("label", s.label());
      screen.put("loop", s.loop());
      screen.put("skewFrames", s.skewFrames());
      screen.put("rate", s.rate());
      screen.put("restarts", s.restarts());
      screen.put("lastError", s.lastError());
    }
    return root.toString();
  }
}
