package dev.wall.core.setup;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.Network;
import dev.wall.core.layout.Screen;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node being set up, seen through the layout: which host it is, whether it is the controller
 * (the host of rank 0, which runs mpirun and serves the media), and the share every node mounts.
 *
 * @param layoutFile the layout's path as the node sees it (for the autostart unit)
 * @param share the folder the controller exports and the workers mount, the same path on every node
 */
public record Node(
    Layout layout,
    String layoutName,
    String layoutFile,
    SystemTree tree,
    String host,
    NodeUser user,
    String share,
    boolean readWrite) {

  public String controller() {
    return layout.screens().get(0).host();
  }

  public boolean isController() {
    return host.equals(controller());
  }

  /** Each host once, in screen order, with its address when the layout gives one. */
  public Map<String, Optional<String>> hosts() {
    Map<String, Optional<String>> hosts = new LinkedHashMap<>();
    for (Screen screen : layout.screens()) {
      hosts.merge(
          screen.host(),
          Optional.ofNullable(screen.address()),
          (old, added) -> old.isPresent() ? old : added);
    }
    return hosts;
  }

  public List<String> workers() {
    List<String> workers = new ArrayList<>(hosts().keySet());
    workers.remove(controller());
    return workers;
  }

  public Optional<String> addressOf(String name) {
    return hosts().getOrDefault(name, Optional.empty());
  }

  /** The JSON path of the first screen on this node, for messages. */
  public String screenPath(String name) {
    for (int i = 0; i < layout.screens().size(); i++) {
      if (layout.screens().get(i).host().equals(name)) {
        return "screens[" + i + "]";
      }
    }
    return "screens";
  }

  public Optional<Network> network() {
    return layout.networkIfSet();
  }

  public String iface() {
    return network().map(Network::iface).filter(i -> !i.isBlank()).orElse("eth0");
  }

  /** A refusal that points into the layout file: {@code file: json.path: what; fix}. */
  public SetupRefusal layoutProblem(String jsonPath, String what, String fix) {
    return new SetupRefusal(layoutName + ": " + jsonPath + ": " + what + "; " + fix);
  }

  /** The subnet, required by the modules that need it. */
  public Ipv4.Subnet subnet(String module) throws SetupRefusal {
    String cidr = network().map(Network::subnet).orElse(null);
    if (cidr == null) {
      throw layoutProblem(
          "network.subnet",
          "missing; " + module + " needs it",
          "add \"network\": {\"subnet\": \"192.168.1.0/24\"}");
    }
    Ipv4.Subnet subnet =
        Ipv4.Subnet.parse(cidr)
            .orElseThrow(
                () ->
                    layoutProblem(
                        "network.subnet",
                        "\"" + cidr + "\" is not an IPv4 subnet",
                        "write it like 192.168.1.0/24"));
    if (subnet.prefix() < 8 || subnet.hasHostBits()) {
      throw layoutProblem(
          "network.subnet",
          "\"" + cidr + "\" is not the cluster's own subnet",
          "give the network address and prefix, like 192.168.1.0/24");
    }
    return subnet;
  }
}
