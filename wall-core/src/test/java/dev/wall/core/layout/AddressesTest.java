package dev.wall.core.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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
  @ValueSource(strings = {"192.168.1", "192.168.1.256", "192.168.01.1", "1.2.3.4.5", "1..2.3", "a.b.c.d"})
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
  @ValueSource(strings = {"192.168.1.0", "192.168.1.0/33", "192.168.1.0/", "/24", "x/24", "1.2.3.4/2/4"})
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
}
