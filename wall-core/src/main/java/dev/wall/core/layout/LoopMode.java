package dev.wall.core.layout;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How loops meet. {@code LOCKSTEP} (the default): every screen holds its last frame until the
 * longest clip ends, then all restart together. {@code INDEPENDENT}: each clip restarts on its own
 * as soon as it ends; the wall still starts together.
 */
public enum LoopMode {
  LOCKSTEP,
  INDEPENDENT;

  @JsonValue
  public String jsonName() {
    return JsonEnums.jsonName(this);
  }

  @JsonCreator
  public static LoopMode fromJson(String name) {
    return JsonEnums.byJsonName(LoopMode.class, name);
  }
}
