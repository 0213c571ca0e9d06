package dev.wall.core.layout;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a screen's node is, as far as decoding goes, when the layout says so ({@code "board"}): a
 * Raspberry Pi 4 (H.264 up to 1080p, HEVC above), a Pi 5 (HEVC only), or a PC (H.264). {@code wall
 * media prepare} encodes for it and {@code wall doctor} checks against it where the node itself
 * does not say; {@code --board HOST=MODEL} on the command line wins over it.
 */
public enum BoardKind {
  PI4,
  PI5,
  PC;

  @JsonValue
  public String jsonName() {
    return JsonEnums.jsonName(this);
  }

  @JsonCreator
  public static BoardKind fromJson(String name) {
    return JsonEnums.byJsonName(BoardKind.class, name);
  }
}
