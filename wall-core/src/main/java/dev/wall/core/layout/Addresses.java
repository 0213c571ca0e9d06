package dev.wall.core.layout;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Host names, IP addresses and CIDR subnets, checked without ever asking DNS. */
final class Addresses {
  private static final Pattern LABEL =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern DOTS_AND_DIGITS = Pattern.compile("[0-9.]+");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

  private Addresses() {}

  /** A parsed CIDR subnet: address bits and prefix length. */
  record Cidr(byte[] address, int prefix) {
    boolean contains(byte[] other) {
      if (other.length != address.length) {
        return false;
      }
      return masked(other).equals(masked(address));
    }

    private BigInteger masked(byte[] bytes) {
      int bits = bytes.length * 8;
      BigInteger value = new BigInteger(1, bytes);
      return value.shiftRight(bits - prefix);
    }

    boolean hostBitsSet() {
      int bits = address.length * 8;
      BigInteger value = new BigInteger(1, address);
      return !value.shiftRight(bits - prefix).shiftLeft(bits - prefix).equals(value);
    }

    /** The same subnet with the host bits cleared, as it should have been written. */
    String networkForm() {
      int bits = address.length * 8;
      BigInteger value =
          new BigInteger(1, address).shiftRight(bits - prefix).shiftLeft(bits - prefix);
      byte[] raw = value.toByteArray();
      byte[] fixed = new byte[address.length];
      int copy = Math.min(raw.length, fixed.length);
      System.arraycopy(raw, raw.length - copy, fixed, fixed.length - copy, copy);
      return format(fixed) + "/" + prefix;
    }
  }

  static boolean looksLikeIpv4(String s) {
    return DOTS_AND_DIGITS.matcher(s).matches();
  }

  static Optional<byte[]> ipv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return Optional.empty();
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      String part = parts[i];
      if (part.isEmpty() || part.length() > 3 || !asciiDigits(part)) {
        return Optional.empty();
      }
      if (part.length() > 1 && part.charAt(0) == '0') {
        return Optional.empty();
      }
      int value = Integer.parseInt(part);
      if (value > 255) {
        return Optional.empty();
      }
      bytes[i] = (byte) value;
    }
    return Optional.of(bytes);
  }

  /** Digits 0 to 9 only: {@link Character#isDigit} also takes Arabic-Indic and other digits. */
  private static boolean asciiDigits(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /**
   * An IPv6 literal (RFC 4291, section 2.2): eight groups of 1 to 4 hex digits, one "::" for a run
   * of zero groups, and an IPv4 address in place of the last two groups. Parsed here, and never
   * handed to {@link InetAddress}, which looks up in DNS whatever it cannot parse.
   */
  static Optional<byte[]> ipv6(String s) {
    if (!s.contains(":") || s.length() > 45 || !IPV6_CHARS.matcher(s).matches()) {
      return Optional.empty();
    }
    int gap = s.indexOf("::");
    if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
      return Optional.empty();
    }
    // An IPv4 address may only end the whole address, never stand before "::".
    List<Integer> head = gap < 0 ? groups(s, true) : groups(s.substring(0, gap), false);
    List<Integer> tail = gap < 0 ? List.of() : groups(s.substring(gap + 2), true);
    if (head == null || tail == null) {
      return Optional.empty();
    }
    int count = head.size() + tail.size();
    if (gap < 0 ? count != 8 : count > 7) {
      return Optional.empty();
    }
    byte[] bytes = new byte[16];
    for (int i = 0; i < head.size(); i++) {
      put(bytes, i, head.get(i));
    }
    for (int i = 0; i < tail.size(); i++) {
      put(bytes, 8 - tail.size() + i, tail.get(i));
    }
    return Optional.of(bytes);
  }

  /**
   * The 16-bit groups of one side of "::" ("" has none); a dotted IPv4 address at the end counts as
   * two, where one may stand. Null when a group is not 1 to 4 hex digits.
   */
  private static List<Integer> groups(String side, boolean endsWithIpv4) {
    List<Integer> groups = new ArrayList<>();
    if (side.isEmpty()) {
      return groups;
    }
    String[] parts = side.split(":", -1);
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (endsWithIpv4 && i == parts.length - 1 && part.indexOf('.') >= 0) {
        Optional<byte[]> v4 = ipv4(part);
        if (v4.isEmpty()) {
          return null;
        }
        byte[] b = v4.get();
        groups.add((b[0] & 0xFF) << 8 | (b[1] & 0xFF));
        groups.add((b[2] & 0xFF) << 8 | (b[3] & 0xFF));
      } else if (part.matches("[0-9A-Fa-f]{1,4}")) {
        groups.add(Integer.parseInt(part, 16));
      } else {
        return null;
      }
    }
    return groups;
  }

  private static void put(byte[] bytes, int group, int value) {
    bytes[2 * group] = (byte) (value >> 8);
    bytes[2 * group + 1] = (byte) value;
  }

  static Optional<byte[]> ip(String s) {
    return ipv4(s).or(() -> ipv6(s));
  }

  static boolean isHostname(String s) {
    if (s.isEmpty() || s.length() > 253 || looksLikeIpv4(s)) {
      return false;
    }
    String name = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    for (String label : name.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  static Optional<Cidr> cidr(String s) {
    int slash = s.indexOf('/');
    if (slash < 0 || slash != s.lastIndexOf('/')) {
      return Optional.empty();
    }
    String prefixText = s.substring(slash + 1);
    if (prefixText.length() > 3 || !asciiDigits(prefixText)) {
      return Optional.empty();
    }
    Optional<byte[]> address = ip(s.substring(0, slash));
    int prefix = Integer.parseInt(prefixText);
    if (address.isEmpty() || prefix > address.get().length * 8) {
      return Optional.empty();
    }
    return Optional.of(new Cidr(address.get(), prefix));
  }

  /**
   * Names Open MPI takes for the machine mpirun runs on, so that it merges them into one node
   * (checked with Open MPI 4.1.4). Other loopback addresses such as 127.0.0.2 count as other nodes.
   */
  static boolean namesMpirunMachine(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.equals("localhost.localdomain") || h.equals("127.0.0.1")) {
      return true;
    }
    return ipv6(h).map(b -> new BigInteger(1, b).equals(BigInteger.ONE)).orElse(false);
  }

  static String format(byte[] address) {
    if (address.length == 4) {
      return (address[0] & 0xFF)
          + "."
          + (address[1] & 0xFF)
          + "."
          + (address[2] & 0xFF)
          + "."
          + (address[3] & 0xFF);
    }
    try {
      return InetAddress.getByAddress(address).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
