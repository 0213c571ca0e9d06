package dev.wall.core.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressesTest {
  @ParameterizedTest
  @ValueSource(strings = {"rpi1", "rpi-1", "wall.local", "a", "localhost", "node7.museum.example."})
  void acceptsHostnames(String host) {
    assertTrue(Addresses.isHostname(host), host);
  }

  @ParameterizedTest
  @ValueSource(strings = {"rpi_1", "-rpi", "rpi-", "rpi 1", "", "a..b", "192.168.1.300", "ü.de"})
  void refusesBadHostnames(String host) {
    assertFalse(Addresses.isHostname(host), host);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "192.168.1.101", "255.255.255.255"})
  void acceptsIpv4(String ip) {
    assertTrue(Addresses.ipv4(ip).isPresent(), ip);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"192.168.1", "192.168.1.256", "192.168.01.1", "1.2.3.4.5", "1..2.3", "a.b.c.d"})
  void refusesBadIpv4(String ip) {
    assertTrue(Addresses.ipv4(ip).isEmpty(), ip);
  }

  @Test
  void parsesIpv6LiteralsWithoutALookup() {
    assertTrue(Addresses.ipv6("fd00::1").isPresent());
    assertTrue(Addresses.ipv6("::1").isPresent());
    assertTrue(Addresses.ipv6("fd00:::1").isEmpty());
    assertTrue(Addresses.ipv6("rpi1").isEmpty());
  }

  @Test
  void cidrKnowsItsNetworkAndHostBits() {
    Addresses.Cidr lan = Addresses.cidr("192.168.1.0/24").orElseThrow();
    assertFalse(lan.hostBitsSet());
    assertTrue(lan.contains(Addresses.ipv4("192.168.1.200").orElseThrow()));
    assertFalse(lan.contains(Addresses.ipv4("192.168.2.1").orElseThrow()));
    Addresses.Cidr sloppy = Addresses.cidr("192.168.1.5/24").orElseThrow();
    assertTrue(sloppy.hostBitsSet());
    assertEquals("192.168.1.0/24", sloppy.networkForm());
    assertEquals("10.0.0.0/8", Addresses.cidr("10.1.2.3/8").orElseThrow().networkForm());
    assertTrue(Addresses.cidr("0.0.0.0/0").orElseThrow().contains(new byte[] {8, 8, 8, 8}));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"192.168.1.0", "192.168.1.0/33", "192.168.1.0/", "/24", "x/24", "1.2.3.4/2/4"})
  void refusesBadCidr(String cidr) {
    assertTrue(Addresses.cidr(cidr).isEmpty(), cidr);
  }

  @Test
  void knowsTheNamesOpenMpiMergesIntoTheLocalNode() {
    assertTrue(Addresses.namesMpirunMachine("localhost"));
    assertTrue(Addresses.namesMpirunMachine("127.0.0.1"));
    assertTrue(Addresses.namesMpirunMachine("::1"));
    // Checked with Open MPI 4.1.4: other loopback addresses are separate (ssh-launched) nodes.
    assertFalse(Addresses.namesMpirunMachine("127.0.0.2"));
    assertFalse(Addresses.namesMpirunMachine("rpi1"));
  }

  /** Digits of other scripts are digits to {@link Character#isDigit}, but not in an address. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "\u0661\u0669\u0662.\u0661\u0666\u0668.\u0661.\u0661", // Arabic-Indic 192.168.1.1
        "192.168.1.\u0661",
        "\uff11\uff19\uff12.168.1.1",
        "192.168.1.\u0967",
        "\u1811.1.1.1"
      })
  void ipv4TakesAsciiDigitsOnly(String ip) {
    assertTrue(Addresses.ipv4(ip).isEmpty(), ip);
    assertTrue(Addresses.ip(ip).isEmpty(), ip);
    assertTrue(Addresses.cidr(ip + "/24").isEmpty(), ip);
  }

  @Test
  void aCidrPrefixTakesAsciiDigitsOnly() {
    assertTrue(Addresses.cidr("192.168.1.0/24").isPresent());
    assertTrue(Addresses.cidr("192.168.1.0/\u0662\u0664").isEmpty());
    assertTrue(Addresses.cidr("fd00::/\uff16\uff14").isEmpty());
  }

  @ParameterizedTest
  @CsvSource({
    "::, 00000000000000000000000000000000",
    "::1, 00000000000000000000000000000001",
    "1::, 00010000000000000000000000000000",
    "fd00::1, fd000000000000000000000000000001",
    "FD00:0:0:0:0:0:0:1, fd000000000000000000000000000001",
    "2001:db8:85a3::8a2e:370:7334, 20010db885a3000000008a2e03707334",
    "1:2:3:4:5:6:7:8, 00010002000300040005000600070008",
    "1:2:3:4:5:6:7::, 00010002000300040005000600070000",
    "::2:3:4:5:6:7:8, 00000002000300040005000600070008",
    "::ffff:192.168.1.1, 00000000000000000000ffffc0a80101",
    "1:2:3:4:5:6:1.2.3.4, 00010002000300040005000601020304",
    "::1.2.3.4, 00000000000000000000000001020304",
  })
  void parsesIpv6LiteralsItself(String literal, String hex) {
    byte[] bytes = Addresses.ipv6(literal).orElseThrow(() -> new AssertionError(literal));
    assertEquals(hex, java.util.HexFormat.of().formatHex(bytes), literal);
  }

  /** Each of these reached InetAddress.getByName, which looks up what it cannot parse in DNS. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "beef:cafe.dead",
        "dead:beef",
        "a:b",
        "cafe:",
        ":cafe",
        "1:2:3:4:5:6:7:8:9",
        "1::2::3",
        ":::",
        "12345::",
        "1.2.3.4::",
        "::1.2.3",
        "::1.2.3.4.5",
        "::256.1.1.1",
        "1:2:3:4:5:6:7:1.2.3.4",
        "1:2:3:4:5:6:7:8::",
        "::01.2.3.4",
        "fd00::1%eth0",
        "[::1]",
        "::g",
        "1:2:3:4:5:6:7:8:"
      })
  void refusesWhatIsNotAnIpv6Literal(String text) {
    assertTrue(Addresses.ipv6(text).isEmpty(), text);
  }

  /** Nothing in Addresses can ask the resolver: no name lookup is even referenced. */
  @Test
  void addressesNeverCallsTheResolver() throws java.io.IOException {
    try (var in = Addresses.class.getResourceAsStream("Addresses.class")) {
      String constants =
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
      for (String lookup :
          List.of("getByName", "getAllByName", "getLocalHost", "getCanonicalHostName")) {
        assertFalse(constants.contains(lookup), "Addresses refers to InetAddress." + lookup);
      }
    }
  }
}
