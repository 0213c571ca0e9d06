package dev.wall.core.layout;

import java.util.regex.Pattern;

/** Builds the JSON paths problems are reported at, such as {@code screens[2].window.width}. */
public final class JsonPaths {
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private JsonPaths() {}

  /** The path of a field inside the object at {@code parent}; "" is the top level. */
  public static String field(String parent, String name) {
    if (!PLAIN_NAME.matcher(name).matches()) {
      return parent + "[\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }
    return parent.isEmpty() ? name : parent + "." + name;
  }

  public static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }
}
