package dev.wall.core.layout;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a published wall's players read their clips ({@code "playFrom"}). {@code CACHE} (the
 * default): each node's own cached copies where the publish record holds for the layout as it
 * plays, else the share. {@code SHARE}: the share, always, as {@code wall play --from-share}.
 */
public enum PlayFrom {
  CACHE,
  SHARE;

  @JsonValue
  public String jsonName() {
    return JsonEnums.jsonName(this);
  }

  @JsonCreator
  public static PlayFrom fromJson(String name) {
    return JsonEnums.byJsonName(PlayFrom.class, name);
  }
}
