package dev.wall.player.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Host headers against a server listening on 192.168.1.10 and one on 0.0.0.0. */
class HostCheckTest {
  @ParameterizedTest(name = "{0} on {1}, reached on {2}: {3}")
  @CsvSource({
    "localhost, 192.168.1.10, 192.168.1.10, true",
    "LOCALHOST:8080, 192.168.1.10, 192.168.1.10, true",
    "127.0.0.1, 192.168.1.10, 192.168.1.10, true",
    "127.0.0.1:8080, 0.0.0.0, 127.0.0.1, true",
    "[::1]:8080, 127.0.0.1, 127.0.0.1, true",
    "[0:0:0:0:0:0:0:1], 127.0.0.1, 127.0.0.1, true",
    "192.168.1.10:8080, 192.168.1.10, 192.168.1.10, true",
    "192.168.1.10, 0.0.0.0, 192.168.1.10, true",
    "0.0.0.0:8080, 0.0.0.0, 192.168.1.10, true",
    "[fe80::1]:80, ::, fe80::1, true",
    "192.168.1.11, 0.0.0.0, 192.168.1.10, false",
    "192.168.1.11:8080, 192.168.1.10, 192.168.1.10, false",
    "0.0.0.0, 192.168.1.10, 192.168.1.10, false",
    "evil.example, 127.0.0.1, 127.0.0.1, false",
    "evil.example:8080, 127.0.0.1, 127.0.0.1, false",
    "localhost.evil.example, 127.0.0.1, 127.0.0.1, false",
    "localhost., 127.0.0.1, 127.0.0.1, false",
    "wall-controller, 127.0.0.1, 127.0.0.1, false",
    "127.0.0.2, 127.0.0.1, 127.0.0.1, false",
    "127.1, 127.0.0.1, 127.0.0.1, false",
    "0177.0.0.1, 127.0.0.1, 127.0.0.1, false",
    "127.0.0.1:, 127.0.0.1, 127.0.0.1, false",
    "127.0.0.1:65536, 127.0.0.1, 127.0.0.1, false",
    "127.0.0.1:80:80, 127.0.0.1, 127.0.0.1, false",
    "::1, 127.0.0.1, 127.0.0.1, false",
    "[::1, 127.0.0.1, 127.0.0.1, false",
    "[::1%lo], 127.0.0.1, 127.0.0.1, false",
    "[beef:cafe.dead], 127.0.0.1, 127.0.0.1, false",
    "[localhost], 127.0.0.1, 127.0.0.1, false",
    "'', 127.0.0.1, 127.0.0.1, false",
    "\u0661\u0662\u0667.0.0.1, 127.0.0.1, 127.0.0.1, false"
  })
  void answersToThisMachinesNamesOnly(
      String host, String listening, String arrivedOn, boolean allowed) throws Exception {
    HostCheck check = new HostCheck(InetAddress.getByName(listening));
    assertEquals(allowed, check.allows(host, InetAddress.getByName(arrivedOn)), host);
  }
}
