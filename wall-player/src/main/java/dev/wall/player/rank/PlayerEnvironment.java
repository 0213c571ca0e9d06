package dev.wall.player.rank;

import dev.wall.player.plan.DisplaySettings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place a rank decides where its player draws: the environment every player process of this
 * rank gets on top of the rank's own. The display settings the controller sent win over what this
 * process inherited: a rank on another node was started over ssh and inherited no display at all,
 * and one on the controller inherited the controller's environment, which the settings came from
 * anyway. (Where a node's own display stack must be detected, it is detected here.)
 */
final class PlayerEnvironment {
  private PlayerEnvironment() {}

  /**
   * The display variables for the player: {@code sent}, then what {@code inherited} has of the
   * rest.
   */
  static Map<String, String> of(DisplaySettings sent, Map<String, String> inherited) {
    Map<String, String> environment = new LinkedHashMap<>();
    for (String name : DisplaySettings.NAMES) {
      String value = sent.variables().getOrDefault(name, inherited.get(name));
      if (value != null && !value.isEmpty()) {
        environment.put(name, value);
      }
    }
    return Map.copyOf(environment);
  }
}
