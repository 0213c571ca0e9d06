package dev.wall.core.setup;

import java.util.Optional;

/** IPv4 addresses and CIDR subnets, parsed without any name lookup. */
public final class Ipv4 {
  private Ipv4() {}

  /** The address as a 32-bit number, or empty when it is not a dotted quad. */
  public static Optional<Long> parse(String text) {
    if (text == null || !text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return Optional.empty();
    }
    long value = 0;
    for (String part : text.split("\\.")) {
      int octet = Integer.parseInt(part);
      if (octet > 255 || (part.length() > 1 && part.startsWith("0"))) {
        return Optional.empty();
      }
      value = value << 8 | octet;
    }
    return Optional.of(value);
  }

  public static boolean isAddress(String text) {
    return parse(text).isPresent();
  }

  /** A subnet such as {@code 192.168.1.0/24}. */
  public record Subnet(long network, int prefix) {
    public static Optional<Subnet> parse(String cidr) {
      if (cidr == null) {
        return Optional.empty();
      }
      String[] parts = cidr.split("/", -1);
      if (parts.length != 2 || !parts[1].matches("\\d{1,2}") || Integer.parseInt(parts[1]) > 32) {
        return Optional.empty();
      }
      int prefix = Integer.parseInt(parts[1]);
      return Ipv4.parse(parts[0]).map(address -> new Subnet(address, prefix));
    }

    public boolean contains(String address) {
      return Ipv4.parse(address).map(a -> (a & mask()) == (network & mask())).orElse(false);
    }

    /** True when the address part has host bits set, as in {@code 192.168.1.7/24}. */
    public boolean hasHostBits() {
      return (network & ~mask() & 0xffffffffL) != 0;
    }

    private long mask() {
      return prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
    }
  }
}
