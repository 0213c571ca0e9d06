package dev.wall.core.setup.modules;

import dev.wall.core.io.FileAttrs;
import dev.wall.core.setup.Action;
import dev.wall.core.setup.EnsureDir;
import dev.wall.core.setup.FileEdit;
import dev.wall.core.setup.LineValue;
import dev.wall.core.setup.MarkedBlock;
import dev.wall.core.setup.Node;
import dev.wall.core.setup.ServiceLinks;
import dev.wall.core.setup.SetupModule;
import dev.wall.core.setup.SetupRefusal;
import dev.wall.core.setup.Text;
import java.util.List;
import java.util.Optional;

/**
 * The media share on the controller: the export folder, an {@code /etc/exports} line limited to the
 * cluster's subnet ({@code ro,root_squash,no_subtree_check}; {@code rw} only when asked, never
 * {@code *} and never {@code no_root_squash}), and the NFS server enabled at boot.
 */
public final class NfsServerModule implements SetupModule {
  public static final String NAME = "nfs-server";
  static final String EXPORTS = "/etc/exports";
  static final String SERVICE = "nfs-server.service";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<String> skipReason(Node node) {
    return node.isController()
        ? Optional.empty()
        : Optional.of("only the controller " + node.controller() + " serves the share");
  }

  @Override
  public List<Action> plan(Node node) throws SetupRefusal {
    String options = options(node);
    String line = exportLine(node, options);
    String unit =
        ServiceLinks.unitFile(node.tree(), SERVICE)
            .orElseThrow(
                () ->
                    new SetupRefusal(
                        node.tree().show("/lib/systemd/system/" + SERVICE)
                            + ": missing; the NFS server is not installed: apt-get install nfs-kernel-server"));
    return List.of(
        new EnsureDir(node.share(), FileAttrs.mode("rwxr-xr-x")),
        new FileEdit(EXPORTS, current -> exports(current, line, node), FileAttrs.mode("rw-r--r--")),
        new ServiceLinks.Enable(SERVICE, "multi-user.target", unit));
  }

  /** The export options: read-only unless {@code --read-write}; root is always squashed. */
  public static String options(Node node) {
    return (node.readWrite() ? "rw" : "ro") + ",root_squash,no_subtree_check";
  }

  public static String exportLine(Node node, String options) throws SetupRefusal {
    Shares.check(node);
    String subnet = LineValue.of(EXPORTS, "network.subnet", node.network().orElseThrow().subnet());
    node.subnet(NAME);
    return LineValue.of(EXPORTS, "the share", node.share()) + " " + subnet + "(" + options + ")";
  }

  static String exports(String current, String line, Node node) throws SetupRefusal {
    String text = current == null ? "" : current;
    List<String> others = Text.lines(MarkedBlock.remove(text, NAME, EXPORTS));
    for (int i = 0; i < others.size(); i++) {
      String[] words = Text.strip(others.get(i)).trim().split("\\s+");
      if (words[0].equals(node.share())) {
        throw new SetupRefusal(
            node.tree().show(EXPORTS)
                + ": line "
                + (i + 1)
                + " already exports "
                + node.share()
                + "; remove that line so wall can export it to "
                + node.network().orElseThrow().subnet()
                + " only");
      }
    }
    return MarkedBlock.upsert(text, NAME, List.of(Text.utf8(line)), EXPORTS);
  }
}
