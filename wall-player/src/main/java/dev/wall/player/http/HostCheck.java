package dev.wall.player.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Which {@code Host} headers a server on the controller answers to: {@code localhost}, {@code
 * 127.0.0.1}, {@code [::1]}, the address it listens on, and the address a connection came in on
 * (for a server on 0.0.0.0), each with or without a port. A page from another site that had its own
 * name point at this machine (DNS rebinding) sends that name, and is refused, so the page cannot
 * read what this server says. Nothing here asks DNS: a name other than localhost is refused, and an
 * address is read as an IP literal or not at all.
 */
public final class HostCheck {
  private static final InetAddress LOOPBACK_V4 = literal("127.0.0.1").orElseThrow();
  private static final InetAddress LOOPBACK_V6 = literal("[::1]").orElseThrow();

  private final InetAddress listening;

  public HostCheck(InetAddress listening) {
    this.listening = listening;
  }

  /**
   * @param host the request's Host header as sent
   * @param arrivedOn the local address of the connection it came on
   */
  public boolean allows(String host, InetAddress arrivedOn) {
    Optional<String> name = withoutPort(host);
    if (name.isEmpty()) {
      return false;
    }
    if (name.get().equalsIgnoreCase("localhost")) {
      return true;
    }
    Optional<InetAddress> literal = literal(name.get());
    return literal.isPresent()
        && (literal.get().equals(LOOPBACK_V4)
            || literal.get().equals(LOOPBACK_V6)
            || literal.get().equals(listening)
            || literal.get().equals(arrivedOn)
            || listening.isAnyLocalAddress() && literal.get().isAnyLocalAddress());
  }

  /** The host without {@code :PORT}; IPv6 keeps its brackets. Empty when it is not host[:port]. */
  static Optional<String> withoutPort(String host) {
    String name = host;
    int close = host.lastIndexOf(']');
    int colon = host.lastIndexOf(':');
    if (colon > close) {
      String port = host.substring(colon + 1);
      if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
        return Optional.empty();
      }
      name = host.substring(0, colon);
    }
    boolean bracketed = name.startsWith("[") && name.endsWith("]") && name.length() > 2;
    if (name.isEmpty() || (!bracketed && (name.contains(":") || name.contains("[")))) {
      return Optional.empty();
    }
    return Optional.of(name);
  }

  /** An IPv4 dotted quad in ASCII digits, or an IPv6 address in brackets; nothing else. */
  static Optional<InetAddress> literal(String name) {
    try {
      if (name.startsWith("[")) {
        String inside = name.substring(1, name.length() - 1);
        if (!inside.matches("[0-9A-Fa-f:.]+")) {
          return Optional.empty();
        }
        // A bracketed literal is parsed, never resolved: getByName throws on anything else.
        return Optional.of(InetAddress.getByName(name));
      }
      String[] parts = name.split("\\.", -1);
      if (parts.length != 4) {
        return Optional.empty();
      }
      byte[] address = new byte[4];
      for (int i = 0; i < 4; i++) {
        if (!parts[i].matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(parts[i]) > 255) {
          return Optional.empty();
        }
        address[i] = (byte) Integer.parseInt(parts[i]);
      }
      return Optional.of(InetAddress.getByAddress(address));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
