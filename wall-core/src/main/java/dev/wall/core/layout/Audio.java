package dev.wall.core.layout;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a screen's sound goes. Most walls play silent, so the default is {@code NONE}. */
public enum Audio {
  HDMI,
  LOCAL,
  BOTH,
  NONE;

  @JsonValue
  public String jsonName() {
    return JsonEnums.jsonName(this);
  }

  @JsonCreator
  public static Audio fromJson(String name) {
    return JsonEnums.byJsonName(Audio.class, name);
  }
}
