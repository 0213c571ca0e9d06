package dev.wall.core.layout;

import dev.wall.core.io.ControlChars;
import java.util.regex.Pattern;

/** Builds the JSON paths problems are reported at, such as {@code screens[2].window.width}. */
public final class JsonPaths {
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private JsonPaths() {}

  /** The path of a field inside the object at {@code parent}; "" is the top level. */
  public static String field(String parent, String name) {
    if (!PLAIN_NAME.matcher(name).matches()) {
      // A key may hold anything, control characters too: the path shows them escaped.
      String escaped = name.replace("\\", "\\\\").replace("\"", "\\\"");
      return parent + "[\"" + ControlChars.visible(escaped) + "\"]";
    }
    return parent.isEmpty() ? name : parent + "." + name;
  }

  public static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }
}
