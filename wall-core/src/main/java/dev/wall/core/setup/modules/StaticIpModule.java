package dev.wall.core.setup.modules;

import dev.wall.core.io.FileAttrs;
import dev.wall.core.layout.Network;
import dev.wall.core.setup.Action;
import dev.wall.core.setup.FileEdit;
import dev.wall.core.setup.Ipv4;
import dev.wall.core.setup.LineValue;
import dev.wall.core.setup.MarkedBlock;
import dev.wall.core.setup.Node;
import dev.wall.core.setup.SetupModule;
import dev.wall.core.setup.SetupRefusal;
import dev.wall.core.setup.Text;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * This node's static address from the layout: a marked block in {@code dhcpcd.conf} on Buster and
 * Bullseye, a NetworkManager keyfile (mode 0600) on Bookworm.
 */
public final class StaticIpModule implements SetupModule {
  public static final String NAME = "static-ip";
  static final String DHCPCD = "/etc/dhcpcd.conf";
  static final String NM_DIR = "/etc/NetworkManager/system-connections";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Action> plan(Node node) throws SetupRefusal {
    Settings settings = settings(node);
    if (node.tree().release().usesNetworkManager()) {
      if (!Files.isDirectory(node.tree().resolve("/etc/NetworkManager"))) {
        throw new SetupRefusal(
            node.tree().show("/etc/NetworkManager")
                + ": missing; Bookworm configures addresses with"
                + " NetworkManager: apt-get install network-manager");
      }
      String path = NM_DIR + "/wall-" + settings.iface() + ".nmconnection";
      return List.of(
          FileEdit.whole(path, keyfile(settings, node), FileAttrs.mode("rw-------").ownedBy(0, 0)));
    }
    return List.of(
        new FileEdit(
            DHCPCD, current -> dhcpcd(current, settings, node), FileAttrs.mode("rw-r--r--")));
  }

  /** What the layout says about this node's address, checked. */
  record Settings(
      String iface, String address, int prefix, Optional<String> gateway, List<String> dns) {}

  static Settings settings(Node node) throws SetupRefusal {
    String where = node.screenPath(node.host());
    String address =
        node.addressOf(node.host())
            .orElseThrow(
                () ->
                    node.layoutProblem(
                        where + ".address",
                        "missing; static-ip needs this node's address",
                        "add \"address\": \"192.168.1.101\""));
    if (!Ipv4.isAddress(address)) {
      throw node.layoutProblem(
          where + ".address",
          "\"" + address + "\" is not an IPv4 address",
          "write it like 192.168.1.101");
    }
    Ipv4.Subnet subnet = node.subnet(NAME);
    if (!subnet.contains(address)) {
      throw node.layoutProblem(
          where + ".address",
          address + " is outside network.subnet " + node.network().orElseThrow().subnet(),
          "fix the address or the subnet");
    }
    String iface = node.iface();
    if (!Names.isInterface(iface) || iface.startsWith("wl")) {
      throw node.layoutProblem(
          "network.interface",
          "\"" + iface + "\" is not a wired interface",
          "use the wired NIC, such as eth0");
    }
    Optional<String> gateway = node.network().map(Network::gateway);
    if (gateway.isPresent() && !Ipv4.isAddress(gateway.get())) {
      throw node.layoutProblem(
          "network.gateway",
          "\"" + gateway.get() + "\" is not an IPv4 address",
          "write it like 192.168.1.1");
    }
    List<String> dns = node.network().map(Network::dns).orElse(List.of());
    for (int i = 0; i < dns.size(); i++) {
      if (!Ipv4.isAddress(dns.get(i))) {
        throw node.layoutProblem(
            "network.dns[" + i + "]",
            "\"" + dns.get(i) + "\" is not an IPv4 address",
            "write it like 192.168.1.1");
      }
    }
    return new Settings(iface, address, subnet.prefix(), gateway, dns);
  }

  /** Each value that goes into {@code file}, checked on its own as a value of one line. */
  private static void checkLines(Settings s, String file) throws SetupRefusal {
    LineValue.of(file, "network.interface", s.iface());
    LineValue.of(file, "the address", s.address());
    LineValue.of(file, "network.gateway", s.gateway().orElse(null));
    for (String server : s.dns()) {
      LineValue.of(file, "the DNS server", server);
    }
  }

  static String dhcpcd(String current, Settings s, Node node) throws SetupRefusal {
    if (current == null) {
      throw new SetupRefusal(
          node.tree().show(DHCPCD)
              + ": missing; on "
              + node.tree().release().codename()
              + " dhcpcd sets the address: apt-get install dhcpcd5");
    }
    checkLines(s, DHCPCD);
    String others = MarkedBlock.remove(current, NAME, DHCPCD);
    List<String> lines = Text.lines(others);
    for (int i = 0; i < lines.size(); i++) {
      String[] words = Text.strip(lines.get(i)).trim().split("\\s+");
      if (words.length >= 2 && words[0].equals("interface") && words[1].equals(s.iface())) {
        throw new SetupRefusal(
            node.tree().show(DHCPCD)
                + ": line "
                + (i + 1)
                + " already configures "
                + s.iface()
                + "; comment that block out, then run again to let wall set the address");
      }
    }
    List<String> body = new ArrayList<>();
    body.add("interface " + s.iface());
    body.add("static ip_address=" + s.address() + "/" + s.prefix());
    s.gateway().ifPresent(g -> body.add("static routers=" + g));
    if (!s.dns().isEmpty()) {
      body.add("static domain_name_servers=" + String.join(" ", s.dns()));
    }
    return MarkedBlock.upsert(current, NAME, body, DHCPCD);
  }

  static String keyfile(Settings s, Node node) throws SetupRefusal {
    checkLines(s, NM_DIR);
    String id = "wall-" + s.iface();
    UUID uuid = UUID.nameUUIDFromBytes((node.host() + "/" + id).getBytes(StandardCharsets.UTF_8));
    StringBuilder out = new StringBuilder();
    out.append("# Written by wall setup static-ip; `wall setup static-ip --undo` removes it.\n");
    out.append("[connection]\n");
    out.append("id=").append(id).append('\n');
    out.append("uuid=").append(uuid).append('\n');
    out.append("type=ethernet\n");
    out.append("interface-name=").append(s.iface()).append('\n');
    out.append("autoconnect-priority=100\n\n");
    out.append("[ethernet]\n\n");
    out.append("[ipv4]\n");
    out.append("method=manual\n");
    out.append("address1=").append(s.address()).append('/').append(s.prefix());
    s.gateway().ifPresent(g -> out.append(',').append(g));
    out.append('\n');
    if (!s.dns().isEmpty()) {
      out.append("dns=").append(String.join(";", s.dns())).append(";\n");
    }
    out.append("\n[ipv6]\nmethod=ignore\n");
    return Text.utf8(out.toString());
  }
}
