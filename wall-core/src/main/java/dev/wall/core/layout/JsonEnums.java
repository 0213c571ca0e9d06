package dev.wall.core.layout;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The layout spells every enum value in lower case; this maps between the two spellings. */
public final class JsonEnums {
  private JsonEnums() {}

  public static String jsonName(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  public static <E extends Enum<E>> E byJsonName(Class<E> type, String name) {
    return Arrays.stream(type.getEnumConstants())
        .filter(value -> jsonName(value).equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown value " + name));
  }

  public static List<String> jsonNames(Class<? extends Enum<?>> type) {
    return Arrays.stream(type.getEnumConstants()).map(JsonEnums::jsonName).toList();
  }
}
