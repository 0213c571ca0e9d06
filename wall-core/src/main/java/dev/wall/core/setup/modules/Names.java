package dev.wall.core.setup.modules;

import java.util.regex.Pattern;

/** Checks on names that end up in system files. */
final class Names {
  private static final Pattern HOSTNAME =
      Pattern.compile(
          "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
  private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9._/+@-]*");
  private static final Pattern IFACE = Pattern.compile("[A-Za-z0-9._-]{1,15}");

  private Names() {}

  static boolean isHostname(String name) {
    return HOSTNAME.matcher(name).matches();
  }

  /**
   * An absolute path without spaces or characters that fstab, exports or systemd would read
   * otherwise.
   */
  static boolean isSafePath(String path) {
    return SAFE_PATH.matcher(path).matches()
        && !path.contains("//")
        && !path.contains("/../")
        && !path.endsWith("/..");
  }

  static boolean isInterface(String name) {
    return IFACE.matcher(name).matches();
  }
}
