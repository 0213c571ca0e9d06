package dev.wall.core.layout;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The {@code player} field. {@code AUTO} picks, per node, the first of omxplayer, mpv, vlc. */
public enum PlayerKind {
  AUTO,
  OMXPLAYER,
  MPV,
  VLC;

  @JsonValue
  public String jsonName() {
    return JsonEnums.jsonName(this);
  }

  @JsonCreator
  public static PlayerKind fromJson(String name) {
    return JsonEnums.byJsonName(PlayerKind.class, name);
  }
}
