package dev.wall.core.setup.modules;

import dev.wall.core.io.FileAttrs;
import dev.wall.core.setup.Action;
import dev.wall.core.setup.FileEdit;
import dev.wall.core.setup.Ipv4;
import dev.wall.core.setup.LineValue;
import dev.wall.core.setup.MarkedBlock;
import dev.wall.core.setup.Node;
import dev.wall.core.setup.SetupModule;
import dev.wall.core.setup.SetupRefusal;
import dev.wall.core.setup.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /etc/hostname} for this node, and {@code /etc/hosts} with every node of the layout plus
 * the {@code 127.0.1.1} line. Entries it did not write are kept.
 */
public final class HostsModule implements SetupModule {
  public static final String NAME = "hosts";
  static final String HOSTS = "/etc/hosts";
  private static final Pattern LOOPBACK_NAME =
      Pattern.compile("^(\\s*127\\.0\\.1\\.1\\s+)([^#\\r\\n]*?)(\\s*(#.*)?)$");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<String> skipReason(Node node) {
    return Ipv4.isAddress(node.host())
        ? Optional.of("the layout names this node by its address, so there is no name to set")
        : Optional.empty();
  }

  @Override
  public List<Action> plan(Node node) throws SetupRefusal {
    for (String host : node.hosts().keySet()) {
      if (!Ipv4.isAddress(host) && !Names.isHostname(host)) {
        throw node.layoutProblem(
            node.screenPath(host) + ".host",
            "\"" + host + "\" is not a valid host name",
            "use letters, digits and '-' only");
      }
    }
    for (var entry : node.hosts().entrySet()) {
      if (entry.getValue().isPresent() && !Ipv4.isAddress(entry.getValue().get())) {
        throw node.layoutProblem(
            node.screenPath(entry.getKey()) + ".address",
            "\"" + entry.getValue().get() + "\" is not an IPv4 address",
            "write it like 192.168.1.101");
      }
    }
    return List.of(
        new FileEdit(
            "/etc/hostname",
            current -> hostname(current, node.host()),
            FileAttrs.mode("rw-r--r--")),
        new FileEdit("/etc/hosts", current -> hosts(current, node), FileAttrs.mode("rw-r--r--")));
  }

  static String hostname(String current, String host) throws SetupRefusal {
    LineValue.of("/etc/hostname", "the host name", host);
    return current != null && current.trim().equals(host) ? current : host + "\n";
  }

  static String hosts(String current, Node node) throws SetupRefusal {
    String text = current == null ? "" : current;
    LineValue.of(HOSTS, "the host name", node.host());
    for (var entry : node.hosts().entrySet()) {
      LineValue.of(HOSTS, "the host name", entry.getKey());
      LineValue.of(HOSTS, "the address of " + entry.getKey(), entry.getValue().orElse(null));
    }
    List<String> lines = Text.lines(text);
    MarkedBlock.Span ours = MarkedBlock.find(lines, NAME, "/etc/hosts");
    boolean loopbackSet = false;
    for (int i = 0; i < lines.size(); i++) {
      if (ours.present() && i >= ours.start() && i < ours.end()) {
        continue;
      }
      String line = lines.get(i);
      Matcher m = LOOPBACK_NAME.matcher(Text.strip(line));
      if (m.matches()) {
        String ending = line.substring(Text.strip(line).length());
        lines.set(i, m.group(1) + node.host() + m.group(3) + ending);
        loopbackSet = true;
        break;
      }
    }
    List<String> body = new ArrayList<>();
    if (!loopbackSet) {
      body.add("127.0.1.1\t" + node.host());
    }
    node.hosts()
        .forEach(
            (host, address) ->
                address
                    .filter(a -> !Ipv4.isAddress(host))
                    .ifPresent(a -> body.add(a + "\t" + host)));
    return MarkedBlock.upsert(String.join("", lines), NAME, body, HOSTS);
  }
}
