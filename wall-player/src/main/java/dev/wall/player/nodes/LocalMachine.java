package dev.wall.player.nodes;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Facts about the controller machine that change how mpirun is called.
 *
 * @param addresses this machine's own IP addresses (of every interface), as text
 */
public record LocalMachine(boolean root, int cores, String hostname, Set<String> addresses) {

  private static final Set<String> LOOPBACK_NAMES =
      Set.of("localhost", "127.0.0.1", "::1", "ip6-localhost");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  public LocalMachine {
    addresses = Set.copyOf(addresses);
  }

  public LocalMachine(boolean root, int cores, String hostname) {
    this(root, cores, hostname, Set.of());
  }

  public static LocalMachine detect() {
    boolean root = "root".equals(System.getProperty("user.name"));
    return new LocalMachine(
        root, Runtime.getRuntime().availableProcessors(), localHostname(), interfaceAddresses());
  }

  private static String localHostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  /**
   * Every address of every interface that is up: a host given as an IP address may be one of ours.
   */
  private static Set<String> interfaceAddresses() {
    Set<String> found = new TreeSet<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          found.add(text(address));
        }
      }
    } catch (SocketException e) {
      // No interfaces to list: names and loopback still work.
    }
    return found;
  }

  private static String text(InetAddress address) {
    String text = address.getHostAddress();
    int scope = text.indexOf('%');
    return (scope < 0 ? text : text.substring(0, scope)).toLowerCase(Locale.ROOT);
  }

  /**
   * True when {@code host} names this machine: a loopback name, this machine's host name, or one of
   * its own addresses (as mpirun also counts it: it starts those ranks itself, without ssh).
   */
  public boolean isThisMachine(String host) {
    if (LOOPBACK_NAMES.contains(host) || host.equalsIgnoreCase(hostname)) {
      return true;
    }
    if (IPV4.matcher(host).matches() || host.contains(":")) {
      try {
        return addresses.contains(text(InetAddress.getByName(host)));
      } catch (UnknownHostException e) {
        return false;
      }
    }
    return false;
  }
}
