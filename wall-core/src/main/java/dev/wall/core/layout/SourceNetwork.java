package dev.wall.core.layout;

import java.net.InetAddress;
import java.util.Optional;

/**
 * A network that may send the wall commands, as CIDR ({@code 192.168.1.0/24}), parsed without the
 * resolver. An IPv4 address arriving as IPv4-mapped IPv6 ({@code ::ffff:192.168.1.7}) is matched as
 * the IPv4 address it is.
 */
public final class SourceNetwork {
  private final Addresses.Cidr cidr;
  private final String text;

  private SourceNetwork(Addresses.Cidr cidr, String text) {
    this.cidr = cidr;
    this.text = text;
  }

  /** The network {@code text} names, or empty when it is not CIDR with its host bits clear. */
  public static Optional<SourceNetwork> parse(String text) {
    return Addresses.cidr(text).filter(c -> !c.hostBitsSet()).map(c -> new SourceNetwork(c, text));
  }

  public boolean contains(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length == 16 && cidr.address().length == 4 && isMappedIpv4(bytes)) {
      bytes = java.util.Arrays.copyOfRange(bytes, 12, 16);
    }
    return cidr.contains(bytes);
  }

  private static boolean isMappedIpv4(byte[] bytes) {
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
  }

  /**
   * An IP address literal (IPv4 dotted, or IPv6 without brackets) as an address, never asking DNS;
   * empty for anything else.
   */
  public static Optional<InetAddress> literal(String text) {
    return Addresses.ip(text)
        .map(
            bytes -> {
              try {
                return InetAddress.getByAddress(bytes);
              } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException("4 or 16 bytes are an address", e);
              }
            });
  }

  @Override
  public String toString() {
    return text;
  }
}
