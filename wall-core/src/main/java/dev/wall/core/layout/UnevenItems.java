package dev.wall.core.layout;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a playlist does when its item k is not equally long on every screen. {@code REFUSE} (the
 * default): {@code wall play} refuses it, naming the item, the screens and their lengths, because
 * the screens would drift apart item by item. {@code HOLD}: each item lasts as long as its longest
 * clip, and the shorter clips hold their last frame until it ends, as at a loop seam.
 */
public enum UnevenItems {
  REFUSE,
  HOLD;

  @JsonValue
  public String jsonName() {
    return JsonEnums.jsonName(this);
  }

  @JsonCreator
  public static UnevenItems fromJson(String name) {
    return JsonEnums.byJsonName(UnevenItems.class, name);
  }
}
