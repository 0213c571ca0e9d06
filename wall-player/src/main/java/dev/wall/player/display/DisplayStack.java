package dev.wall.player.display;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a player draws on, on the node where it runs: an X11 desktop ({@code DISPLAY}, {@code
 * XAUTHORITY}), a Wayland desktop ({@code WAYLAND_DISPLAY}, {@code XDG_RUNTIME_DIR}), or a console
 * with no desktop, where mpv drives the HDMI connector itself through DRM/KMS.
 *
 * <p>Explicit settings win: {@code WALL_DISPLAY_STACK=x11|wayland|drm} (what {@code wall setup
 * autostart} writes into the unit), then {@code WAYLAND_DISPLAY}, then {@code DISPLAY}. With none
 * of them (a unit at boot, an ssh session) the node is looked at: a Wayland socket in the user's
 * runtime folder, else the X server's socket for {@code :0}, else the console.
 *
 * @param kind the stack
 * @param environment what a player needs in its environment to reach it (empty for a console)
 * @param reason how it was chosen, for {@code wall setup autostart}'s note and for messages
 * @param gpu whether the node has a GPU render node ({@code /dev/dri/renderD*}): without one, GL is
 *     only a software renderer, which mpv refuses after a costly try
 */
public record DisplayStack(Kind kind, Map<String, String> environment, String reason, boolean gpu) {
  /** The render node of a Pi 4 or Pi 5 (v3d), and of any PC with a GPU driver. */
  static final Path RENDER_NODE = Path.of("/dev/dri/renderD128");

  public static final String STACK_VARIABLE = "WALL_DISPLAY_STACK";
  static final String X11_SOCKETS = "/tmp/.X11-unix";

  public enum Kind {
    X11,
    WAYLAND,
    DRM;

    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a player can put its window where the layout says; Wayland and a console cannot. */
    public boolean placesWindows() {
      return this == X11;
    }

    static Optional<Kind> of(String name) {
      for (Kind kind : values()) {
        if (kind.jsonName().equals(name)) {
          return Optional.of(kind);
        }
      }
      return Optional.empty();
    }
  }

  public DisplayStack {
    environment = Map.copyOf(environment);
  }

  /** This process's stack: its environment, and this machine's sockets for this user. */
  public static DisplayStack ofThisProcess() {
    return forPlayer(Map.of());
  }

  /**
   * The stack a player of this process draws on, given the environment it adds to this process's
   * own ({@code extra}, a rank's display settings): the one place a player's display is worked out.
   */
  public static DisplayStack forPlayer(Map<String, String> extra) {
    Map<String, String> env = new java.util.HashMap<>(System.getenv());
    env.putAll(extra);
    return detect(env, Files::exists, currentUid(), System.getProperty("user.home"));
  }

  /** {@code extra} with what the player needs to reach this stack; {@code extra} wins. */
  public Map<String, String> playerEnvironment(Map<String, String> extra) {
    Map<String, String> env = new LinkedHashMap<>(environment);
    env.putAll(extra);
    return Map.copyOf(env);
  }

  /**
   * @param env the environment the player will see (explicit settings)
   * @param exists whether a path exists on this node
   * @param uid the player's user id, for its runtime folder {@code /run/user/UID}
   * @param home the player's home, for X's {@code .Xauthority}
   */
  public static DisplayStack detect(
      Map<String, String> env, Predicate<Path> exists, int uid, String home) {
    String named = env.get(STACK_VARIABLE);
    if (named != null && !named.isEmpty()) {
      Kind kind =
          Kind.of(named.trim().toLowerCase(Locale.ROOT))
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          STACK_VARIABLE
                              + "="
                              + named
                              + ": not a display stack; use x11, wayland or drm"));
      return of(kind, env, uid, home, exists, STACK_VARIABLE + "=" + kind.jsonName());
    }
    if (set(env, "WAYLAND_DISPLAY")) {
      return of(Kind.WAYLAND, env, uid, home, exists, "WAYLAND_DISPLAY is set");
    }
    if (set(env, "DISPLAY")) {
      return of(Kind.X11, env, uid, home, exists, "DISPLAY is set");
    }
    Path runtime = Path.of(env.getOrDefault("XDG_RUNTIME_DIR", "/run/user/" + uid));
    if (exists.test(runtime.resolve("wayland-0")) || exists.test(runtime.resolve("wayland-1"))) {
      return of(
          Kind.WAYLAND,
          env,
          uid,
          home,
          exists,
          "a Wayland desktop is running (" + runtime + "/wayland-*)");
    }
    if (exists.test(Path.of(X11_SOCKETS, "X0"))) {
      return of(
          Kind.X11, env, uid, home, exists, "an X server runs display :0 (" + X11_SOCKETS + "/X0)");
    }
    return of(Kind.DRM, env, uid, home, exists, "no desktop runs: the console, through DRM/KMS");
  }

  /**
   * The stack a unit on this node plays on at boot, when no desktop may be running yet: a running
   * desktop's socket if there is one, else the desktop the node boots into (lightdm's session, then
   * what is installed: labwc or wayfire mean Wayland, an X server means X11), else the console.
   *
   * @param exists whether a path exists on the node
   * @param read a text file of the node, empty when missing
   */
  public static DisplayStack atBoot(
      Predicate<Path> exists,
      java.util.function.Function<Path, Optional<String>> read,
      int uid,
      String home) {
    DisplayStack running = detect(Map.of(), exists, uid, home);
    if (running.kind() != Kind.DRM) {
      return running;
    }
    String session =
        read.apply(Path.of("/etc/lightdm/lightdm.conf"))
            .orElse("")
            .lines()
            .map(String::strip)
            .filter(l -> l.matches("(autologin-session|user-session)\\s*=.*"))
            .map(l -> l.substring(l.indexOf('=') + 1).strip())
            .reduce((a, b) -> b)
            .orElse("");
    if (session.contains("labwc") || session.contains("wayfire")) {
      return of(
          Kind.WAYLAND,
          Map.of(),
          uid,
          home,
          exists,
          "the desktop session is " + session + " (/etc/lightdm/lightdm.conf)");
    }
    if (!session.isEmpty()) {
      return of(
          Kind.X11,
          Map.of(),
          uid,
          home,
          exists,
          "the desktop session is " + session + " (/etc/lightdm/lightdm.conf)");
    }
    for (String wayland :
        new String[] {
          home + "/.config/labwc",
          home + "/.config/wayfire.ini",
          "/usr/bin/labwc",
          "/usr/bin/wayfire"
        }) {
      if (exists.test(Path.of(wayland))) {
        return of(
            Kind.WAYLAND,
            Map.of(),
            uid,
            home,
            exists,
            "a Wayland desktop is installed (" + wayland + ")");
      }
    }
    for (String x11 : new String[] {"/etc/X11/Xwrapper.config", "/usr/bin/Xorg"}) {
      if (exists.test(Path.of(x11))) {
        return of(
            Kind.X11, Map.of(), uid, home, exists, "an X11 desktop is installed (" + x11 + ")");
      }
    }
    return running;
  }

  private static DisplayStack of(
      Kind kind,
      Map<String, String> env,
      int uid,
      String home,
      Predicate<Path> exists,
      String reason) {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put(STACK_VARIABLE, kind.jsonName());
    switch (kind) {
      case X11 -> {
        vars.put("DISPLAY", set(env, "DISPLAY") ? env.get("DISPLAY") : ":0");
        if (set(env, "XAUTHORITY")) {
          vars.put("XAUTHORITY", env.get("XAUTHORITY"));
        } else if (home != null && exists.test(Path.of(home, ".Xauthority"))) {
          vars.put("XAUTHORITY", Path.of(home, ".Xauthority").toString());
        }
      }
      case WAYLAND -> {
        String runtime = env.getOrDefault("XDG_RUNTIME_DIR", "/run/user/" + uid);
        vars.put("XDG_RUNTIME_DIR", runtime);
        String socket =
            set(env, "WAYLAND_DISPLAY")
                ? env.get("WAYLAND_DISPLAY")
                : exists.test(Path.of(runtime, "wayland-0"))
                        || !exists.test(Path.of(runtime, "wayland-1"))
                    ? "wayland-0"
                    : "wayland-1";
        vars.put("WAYLAND_DISPLAY", socket);
      }
      case DRM -> {
        // mpv opens the DRM device itself; nothing to reach.
      }
    }
    return new DisplayStack(kind, vars, reason, exists.test(RENDER_NODE));
  }

  /**
   * The DRM connector (and Wayland output) of HDMI output {@code output}: HDMI-A-1, HDMI-A-2 on a
   * Pi 4 or Pi 5.
   */
  public static String connector(int output) {
    return "HDMI-A-" + (output + 1);
  }

  private static boolean set(Map<String, String> env, String name) {
    String value = env.get(name);
    return value != null && !value.isEmpty();
  }

  private static int currentUid() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException | UnsupportedOperationException e) {
      return 0;
    }
  }
}
