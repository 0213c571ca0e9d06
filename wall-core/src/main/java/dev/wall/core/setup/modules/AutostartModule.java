package dev.wall.core.setup.modules;

import dev.wall.core.io.FileAttrs;
import dev.wall.core.layout.Screen;
import dev.wall.core.setup.Action;
import dev.wall.core.setup.FileEdit;
import dev.wall.core.setup.LineValue;
import dev.wall.core.setup.Node;
import dev.wall.core.setup.ServiceLinks;
import dev.wall.core.setup.SetupModule;
import dev.wall.core.setup.SetupRefusal;
import dev.wall.core.setup.Text;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A systemd unit on the controller that plays the wall at boot, forever: the installed wall by
 * absolute path (never util-linux's {@code wall}, which a bare {@code wall} may find), as the
 * layout's user, once the network is online and the media folder is mounted, on the display stack
 * the node has. It is restarted whenever it stops, with no start limit to give up at, and killed
 * and restarted when it hangs: the controller feeds systemd's watchdog from the wall's control
 * rounds. Its output goes to the journal ({@code journalctl -u wall}). Hardened as far as the
 * players allow ({@link #HARDENING}).
 */
public final class AutostartModule implements SetupModule {
  public static final String NAME = "autostart";
  public static final String UNIT = "wall.service";
  public static final String PROGRAM = "/opt/wall/bin/wall";
  static final String UNIT_PATH = "/etc/systemd/system/" + UNIT;

  /** Rank 0 reports a control round about every second; a minute without one is a hang. */
  static final int WATCHDOG_SECONDS = 60;

  /**
   * What the wall plays on at boot on this node.
   *
   * @param stack x11, wayland or drm
   * @param environment what the players need to reach it
   * @param reason why this stack, for the unit's comment
   * @param placesWindows whether a screen's window can be placed there
   */
  public record Display(
      String stack, Map<String, String> environment, String reason, boolean placesWindows) {
    public Display {
      environment = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(environment));
    }
  }

  private final Display display;

  public AutostartModule(Display display) {
    this.display = display;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<String> skipReason(Node node) {
    return node.isController()
        ? Optional.empty()
        : Optional.of("mpirun on the controller " + node.controller() + " starts this node");
  }

  @Override
  public List<Action> plan(Node node) throws SetupRefusal {
    if (!Files.isRegularFile(node.tree().resolve(PROGRAM))) {
      throw new SetupRefusal(
          node.tree().show(PROGRAM)
              + ": missing; install wall on this node first"
              + " (sudo apt-get install ./wall_*.deb, or wall setup install --layout LAYOUT from the controller)");
    }
    refuseWindows(node);
    return List.of(
        FileEdit.whole(UNIT_PATH, unit(node, display), FileAttrs.mode("rw-r--r--")),
        new ServiceLinks.Enable(UNIT, "multi-user.target", UNIT_PATH));
  }

  /**
   * A windowed screen of this node on Wayland or a console would fail at every boot: say so now.
   */
  private void refuseWindows(Node node) throws SetupRefusal {
    if (display.placesWindows()) {
      return;
    }
    for (int i = 0; i < node.layout().screens().size(); i++) {
      Screen screen = node.layout().screens().get(i);
      if (screen.host().equals(node.host()) && screen.window() != null) {
        throw node.layoutProblem(
            "screens[" + i + "].window",
            "screen "
                + screen.name()
                + " has a window, but "
                + node.host()
                + " plays on "
                + display.stack()
                + " ("
                + display.reason()
                + "), where a window cannot be placed",
            "remove \"window\" to play full screen on its output, or pass --display-stack x11 if the node runs an X11 desktop");
      }
    }
  }

  static String unit(Node node, Display display) throws SetupRefusal {
    String name =
        node.layout().name() == null ? "" : " (" + description(node.layout().name()) + ")";
    StringBuilder env = new StringBuilder();
    for (Map.Entry<String, String> variable : display.environment().entrySet()) {
      env.append("Environment=")
          .append(quotedValue(variable.getKey() + "=" + variable.getValue()))
          .append('\n');
    }
    String groups = display.stack().equals("drm") ? "SupplementaryGroups=video render\n" : "";
    return Text.utf8(
        "# Written by wall setup autostart; `wall setup autostart --undo` removes it.\n"
            + "# Display stack: "
            + display.stack()
            + ", because "
            + oneLine(display.reason())
            + ".\n"
            + "# Another choice: wall setup autostart --layout LAYOUT --display-stack x11|wayland|drm\n"
            + "# Ranks on the other nodes get this display from wall play when it has one, else pick their own.\n"
            + "# Logs: journalctl -u "
            + UNIT
            + "\n"
            + "[Unit]\n"
            + "Description=wall: play the video wall"
            + name
            + "\n"
            + "Wants=network-online.target\n"
            + "After=network-online.target\n"
            + "RequiresMountsFor="
            + quotedValue(node.layout().mediaRoot())
            + "\n"
            + "# Restart for ever: no start limit to give up at.\n"
            + "StartLimitIntervalSec=0\n"
            + "\n"
            + "[Service]\n"
            + "Type=simple\n"
            + "User="
            + LineValue.of(UNIT_PATH, "the user", node.user().name())
            + "\n"
            + groups
            + env
            + "ExecStart="
            + PROGRAM
            + " play "
            + quoted(node.layoutFile())
            + " --forever\n"
            + "Restart=always\n"
            + "RestartSec=5\n"
            + "# wall play feeds the watchdog from its control rounds (systemd-notify, hence NotifyAccess).\n"
            + "WatchdogSec="
            + WATCHDOG_SECONDS
            + "\n"
            + "NotifyAccess=all\n"
            + "TimeoutStopSec=15\n"
            + "StandardOutput=journal\n"
            + "StandardError=journal\n"
            + "SyslogIdentifier=wall\n"
            + HARDENING
            + "\n"
            + "[Install]\n"
            + "WantedBy=multi-user.target\n");
  }

  /**
   * The layout's name as the rest of the Description= line. systemd takes that text as it is,
   * expanding only specifiers, so '%' is doubled; a backslash stays literal, as the name is always
   * followed by ')' (a backslash at the end of a line would continue it onto the next); and a
   * control character is refused, never escaped.
   */
  static String description(String name) throws SetupRefusal {
    return LineValue.of(UNIT_PATH, "the layout's name", name).replace("%", "%%");
  }

  /**
   * No privilege gained through set-user-ID programs or file capabilities; /usr, /boot and /etc
   * read-only (the wall writes only in its run folder and the user's home: caches, its class
   * archive); not PrivateTmp, which would hide the X server's socket. The run folder is /run/wall,
   * made by systemd for the unit's user alone ({@code $RUNTIME_DIRECTORY}, which {@code RunFolder}
   * takes first), so the wall never falls back to one in /tmp that another user can make first; it
   * is kept across restarts, like the logs in it.
   */
  static final String HARDENING =
      "# Hardening: no privileges gained (set-user-ID programs); /usr, /boot and /etc read-only.\n"
          + "# Not PrivateTmp: the players reach the X server's socket in /tmp.\n"
          + "NoNewPrivileges=yes\n"
          + "ProtectSystem=full\n"
          + "# The run folder: /run/wall, the wall user's alone; never one in /tmp another user made.\n"
          + "RuntimeDirectory=wall\n"
          + "RuntimeDirectoryMode=0700\n"
          + "RuntimeDirectoryPreserve=restart\n";

  private static String oneLine(String text) {
    return text.replace('\n', ' ').replace('\r', ' ');
  }

  /** A systemd command-line word: quoted, with specifiers and variables escaped. */
  static String quoted(String word) throws SetupRefusal {
    return quote(word, true);
  }

  /**
   * A word of a setting that expands specifiers but not variables (Environment=,
   * RequiresMountsFor=).
   */
  static String quotedValue(String word) throws SetupRefusal {
    return quote(word, false);
  }

  private static String quote(String word, boolean variables) throws SetupRefusal {
    LineValue.of(UNIT_PATH, "the value", word);
    String escaped = word.replace("\\", "\\\\").replace("\"", "\\\"").replace("%", "%%");
    if (variables) {
      escaped = escaped.replace("$", "$$");
    }
    return escaped.matches("[A-Za-z0-9._/+@=:-]+") ? escaped : "\"" + escaped + "\"";
  }
}
