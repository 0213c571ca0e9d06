package dev.wall.core.setup.modules;

import dev.wall.core.io.FileAttrs;
import dev.wall.core.setup.Action;
import dev.wall.core.setup.FileEdit;
import dev.wall.core.setup.Ipv4;
import dev.wall.core.setup.LineValue;
import dev.wall.core.setup.MarkedBlock;
import dev.wall.core.setup.Node;
import dev.wall.core.setup.SetupRefusal;
import dev.wall.core.setup.Text;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The files behind mpirun's ssh on the controller: an ssh config naming the wall's key and known
 * hosts file, and {@code plm_rsh_agent} in Open MPI's parameter file pointing ssh at it. The key
 * itself and its distribution need processes, so they live in the player.
 */
public final class SshFilesModule {
  public static final String NAME = "ssh";
  public static final String KEY = ".ssh/wall_ed25519";
  public static final String CONFIG = ".ssh/wall_config";
  public static final String KNOWN_HOSTS = ".ssh/wall_known_hosts";
  public static final String MCA_PARAMS = "/etc/openmpi/openmpi-mca-params.conf";

  private SshFilesModule() {}

  public static List<Action> controllerFiles(Node node) throws SetupRefusal {
    if (!Files.isDirectory(node.tree().resolve("/etc/openmpi"))) {
      throw new SetupRefusal(
          node.tree().show("/etc/openmpi")
              + ": missing; mpirun needs Open MPI on the controller:"
              + " apt-get install openmpi-bin");
    }
    String config = node.user().inHome(CONFIG);
    String content = sshConfig(node);
    return List.of(
        FileEdit.inHome(node.user(), CONFIG, current -> content, "rw-r--r--"),
        new FileEdit(
            MCA_PARAMS, current -> mcaParams(current, config, node), FileAttrs.mode("rw-r--r--")));
  }

  /**
   * The controller's key as a worker authorizes it: only from the wall's subnet (else the
   * controller's address), and {@code restrict}ed (no forwarding, no terminal, no rc file), which
   * is all Open MPI's launcher needs to start its daemons.
   */
  public static String authorizedLine(Node node, String publicKey) {
    Optional<String> from =
        node.network()
            .map(dev.wall.core.layout.Network::subnet)
            .filter(s -> s != null && !s.isBlank())
            .or(() -> node.addressOf(node.controller()));
    return from.map(f -> "from=\"" + f + "\",").orElse("") + "restrict " + publicKey.trim();
  }

  /**
   * What to tell the technician when {@link #authorizedLine} can put no {@code from=} on the key
   * (the layout has neither {@code network.subnet} nor an address for the controller): the key then
   * logs in from any address.
   */
  public static Optional<String> anyAddressNote(Node node) {
    if (authorizedLine(node, "KEY").startsWith("from=")) {
      return Optional.empty();
    }
    String example =
        node.hosts().values().stream()
            .flatMap(Optional::stream)
            .filter(Ipv4::isAddress)
            .findFirst()
            .map(a -> a.substring(0, a.lastIndexOf('.')) + ".0/24")
            .orElse("192.168.1.0/24");
    return Optional.of(
        "the key logs in from any address: "
            + node.layoutName()
            + " has no network.subnet (nor an"
            + " address for the controller "
            + node.controller()
            + "); add \"network\": {\"subnet\": \""
            + example
            + "\"} and run again, so that only the wall's network may use it");
  }

  /**
   * The key's own text (its base64 blob), to find it in an authorized_keys line whatever its
   * options.
   */
  public static String blob(String publicKey) {
    String[] words = publicKey.trim().split("\\s+");
    return words.length >= 2 ? words[1] : publicKey.trim();
  }

  static String sshConfig(Node node) throws SetupRefusal {
    String file = node.user().inHome(CONFIG);
    for (var host : node.hosts().entrySet()) {
      LineValue.of(file, "the host name", host.getKey());
      LineValue.of(file, "the address of " + host.getKey(), host.getValue().orElse(null));
    }
    LineValue.of(file, "the user", node.user().name());
    LineValue.of(file, "the home folder", node.user().home());
    StringBuilder out = new StringBuilder();
    out.append("# Written by wall setup ssh: how mpirun reaches the wall's nodes, through\n");
    out.append("# plm_rsh_agent in ").append(MCA_PARAMS).append(". Generated from the layout.\n");
    List<String> names = new ArrayList<>();
    node.hosts()
        .forEach(
            (host, address) -> {
              names.add(host);
              address
                  .filter(a -> !Ipv4.isAddress(host))
                  .ifPresent(
                      a ->
                          out.append("Host ")
                              .append(host)
                              .append("\n  HostName ")
                              .append(a)
                              .append('\n'));
            });
    out.append("Host ").append(String.join(" ", names)).append('\n');
    out.append("  User ").append(node.user().name()).append('\n');
    out.append("  IdentityFile ").append(node.user().inHome(KEY)).append('\n');
    out.append("  IdentitiesOnly yes\n");
    out.append("  BatchMode yes\n");
    // The host keys were confirmed at setup (wall setup ssh); a key that changed since is refused.
    out.append("  StrictHostKeyChecking yes\n");
    out.append("  UserKnownHostsFile ").append(node.user().inHome(KNOWN_HOSTS)).append('\n');
    out.append("  ConnectTimeout 10\n");
    return Text.utf8(out.toString());
  }

  static String mcaParams(String current, String config, Node node) throws SetupRefusal {
    String text = current == null ? "" : current;
    List<String> others = Text.lines(MarkedBlock.remove(text, NAME, MCA_PARAMS));
    for (int i = 0; i < others.size(); i++) {
      String line = Text.strip(others.get(i)).trim();
      if (line.matches("(orte_rsh_agent|plm_rsh_agent)\\s*=.*")) {
        throw new SetupRefusal(
            node.tree().show(MCA_PARAMS)
                + ": line "
                + (i + 1)
                + " already sets the ssh agent;"
                + " remove it so mpirun uses the wall's ssh config");
      }
    }
    return MarkedBlock.upsert(
        text, NAME, List.of(Text.utf8("plm_rsh_agent = ssh -F " + config)), MCA_PARAMS);
  }
}
