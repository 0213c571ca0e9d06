package dev.wall.core.setup.modules;

import dev.wall.core.setup.Action;
import dev.wall.core.setup.FileEdit;
import dev.wall.core.setup.Node;
import dev.wall.core.setup.ServiceLinks;
import dev.wall.core.setup.SetupModule;
import dev.wall.core.setup.SetupRefusal;
import dev.wall.core.setup.Text;
import dev.wall.core.io.FileAttrs;
import java.util.List;
import java.util.Optional;

/**
 * A systemd unit on the controller that plays the wall at boot, forever: after the network is
 * online (and wanting it, so that it is waited for), restarted when it fails.
 */
public final class AutostartModule implements SetupModule {
  public static final String NAME = "autostart";
  public static final String UNIT = "wall.service";
  static final String UNIT_PATH = "/etc/systemd/system/" + UNIT;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<String> skipReason(Node node) {
    return node.isController() ? Optional.empty() : Optional.of("mpirun on the controller " + node.controller() + " starts this node");
  }

  @Override
  public List<Action> plan(Node node) throws SetupRefusal {
    return List.of(
        FileEdit.whole(UNIT_PATH, unit(node), FileAttrs.mode("rw-r--r--")),
        new ServiceLinks.Enable(UNIT, "multi-user.target", UNIT_PATH));
  }

  static String unit(Node node) throws SetupRefusal {
    String name = node.layout().name() == null ? "" : " (" + node.layout().name() + ")";
    return Text.utf8(
        "# Written by wall setup autostart; `wall setup autostart --undo` removes it.\n"
            + "[Unit]\n"
            + "Description=wall: play the video wall" + name.replace("%", "%%") + "\n"
            + "Wants=network-online.target\n"
            + "After=network-online.target\n"
            + "\n"
            + "[Service]\n"
            + "Type=simple\n"
            + "User=" + node.user().name() + "\n"
            + "ExecStart=wall play " + quoted(node.layoutFile()) + " --forever\n"
            + "Restart=on-failure\n"
            + "RestartSec=5\n"
            + "\n"
            + "[Install]\n"
            + "WantedBy=multi-user.target\n");
  }

  /** A systemd command-line word: quoted, with specifiers and variables escaped. */
  static String quoted(String word) throws SetupRefusal {
    if (word.contains("\n") || word.contains("\r")) {
      throw new SetupRefusal("layout path \"" + word + "\": has a line break; rename the file");
    }
    String escaped = word.replace("\\", "\\\\").replace("\"", "\\\"").replace("%", "%%").replace("$", "$$");
    return escaped.matches("[A-Za-z0-9._/+@-]+") ? escaped : "\"" + escaped + "\"";
  }
}
