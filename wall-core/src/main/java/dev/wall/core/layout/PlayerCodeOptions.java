package dev.wall.core.layout;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The player options that load code or configuration from a file: one of them in a layout on a
 * writable share would run that code on every node. They need the layout's explicit opt-in,
 * {@code "allowPlayerCode": true}.
 */
final class PlayerCodeOptions {
  /** mpv's: scripts, and files that can bind keys to commands or set any option. */
  private static final Set<String> MPV = Set.of("script", "scripts", "include", "input-conf", "config-dir",
      "use-filedir-conf", "config");
  /** mpv's list options take these suffixes (--scripts-append=FILE). */
  private static final Set<String> LIST_SUFFIXES = Set.of("-add", "-append", "-set", "-pre", "-toggle");
  /** VLC's: extra interfaces (Lua ones included) and Lua itself. */
  private static final Set<String> VLC = Set.of("extraintf", "intf");

  private PlayerCodeOptions() {}

  /** The option's name as written ({@code --script}), when {@code arg} is one of them. */
  static Optional<String> loadsCode(String arg) {
    if (!arg.startsWith("-")) {
      return Optional.empty();
    }
    String name = arg.replaceFirst("^--?", "");
    int equals = name.indexOf('=');
    name = (equals >= 0 ? name.substring(0, equals) : name).toLowerCase(Locale.ROOT);
    String written = arg.substring(0, arg.length() - (equals >= 0 ? arg.length() - arg.indexOf('=') : 0));
    if (MPV.contains(name) || VLC.contains(name) || name.startsWith("lua-") || name.equals("lua")) {
      return Optional.of(written);
    }
    for (String suffix : LIST_SUFFIXES) {
      if (name.endsWith(suffix) && MPV.contains(name.substring(0, name.length() - suffix.length()))) {
        return Optional.of(written);
      }
    }
    return Optional.empty();
  }
}
