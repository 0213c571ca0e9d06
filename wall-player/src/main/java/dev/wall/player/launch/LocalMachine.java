package dev.wall.player.launch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;

/** Facts about the controller machine that change how mpirun is called. */
public record LocalMachine(boolean root, int cores, String hostname) {

  private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "::1", "ip6-localhost");

  public static LocalMachine detect() {
    boolean root = "root".equals(System.getProperty("user.name"));
    return new LocalMachine(root, Runtime.getRuntime().availableProcessors(), localHostname());
  }

  private static String localHostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  public boolean isThisMachine(String host) {
    return LOOPBACK_NAMES.contains(host) || host.equalsIgnoreCase(hostname);
  }
}
