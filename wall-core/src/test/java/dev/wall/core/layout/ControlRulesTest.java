package dev.wall.core.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code control} and {@code alerts}: what passes, and each untrusted form refused in one line at
 * its own path (URLs that would carry credentials or leave http, OSC from anywhere, an e-mail
 * address that reads as a sendmail option).
 */
class ControlRulesTest {
  private static final String BASE =
      """
      {"version": 1, "mediaRoot": "/srv/wall/media", %s
       "screens": [{"name": "left", "host": "rpi1", "media": "left.mp4"}]}
      """;

  private static Layout read(String fields) throws InvalidLayoutException {
    return new LayoutReader().read("lobby.json", BASE.formatted(fields));
  }

  @Test
  void aFullControlAndAlertsAreRead() throws Exception {
    Layout layout =
        read(
            """
        "control": {"http": {"port": 8080, "listen": "0.0.0.0"},
          "osc": {"port": 9000, "allow": ["192.168.1.0/24", "fd00::/8"]},
          "keyFile": "/etc/wall/control.key", "webhooks": ["https://ops.example:8443/wall?x=1"],
          "oscFeedback": ["192.168.1.20:9001", "[fd00::20]:9001"]},
        "alerts": {"email": ["ops@museum.example"]},""");
    Control control = layout.controlIfSet().orElseThrow();
    assertEquals(8080, control.http().port());
    assertEquals("0.0.0.0", control.http().listen());
    assertEquals(List.of("192.168.1.0/24", "fd00::/8"), control.osc().allow());
    assertEquals(List.of("https://ops.example:8443/wall?x=1"), control.webhooks());
    Alerts alerts = layout.alertsIfSet().orElseThrow();
    assertEquals(Alerts.DEFAULT_NOT_PLAYING_SECONDS, alerts.notPlayingSeconds());
    assertEquals(Alerts.DEFAULT_SKEW_FRAMES, alerts.skewFrames());
    assertTrue(read("").controlIfSet().isEmpty());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"control\": {\"http\": {\"port\": 70000}}, | control.http.port | must be between 1 and 65535",
        "\"control\": {\"http\": {\"listen\": \"127.0.0.1\"}}, | control.http.port | is missing",
        "\"control\": {\"http\": {\"port\": 80, \"listen\": \"wall.local\"}}, | control.http.listen | must be an IP",
        "\"control\": {\"osc\": {\"port\": 9000}}, | control.osc.allow | is missing",
        "\"control\": {\"osc\": {\"port\": 9000, \"allow\": []}}, | control.osc.allow | 1 to 64",
        "\"control\": {\"osc\": {\"port\": 9000, \"allow\": [\"192.168.1.5/24\"]}}, | control.osc.allow[0] | host bits",
        "\"control\": {\"osc\": {\"port\": 9000, \"allow\": [\"everyone\"]}}, | control.osc.allow[0] | CIDR",
        "\"control\": {\"keyFile\": \"control.key\"}, | control.keyFile | absolute path",
        "\"control\": {\"key\": \"s3cret\"}, | control.key | never goes in a layout",
        "\"control\": {\"webhooks\": [\"ftp://h.example/x\"]}, | control.webhooks[0] | not an http",
        "\"control\": {\"webhooks\": [\"javascript:alert(1)\"]}, | control.webhooks[0] | not an http",
        "\"control\": {\"webhooks\": [\"HTTP://h.example/\"]}, | control.webhooks[0] | not an http",
        "\"control\": {\"webhooks\": [\"http://user:pw@h.example/\"]}, | control.webhooks[0] | user name or password",
        "\"control\": {\"webhooks\": [\"http://h.example/#x\"]}, | control.webhooks[0] | fragment",
        "\"control\": {\"webhooks\": [\"http://h.example/a b\"]}, | control.webhooks[0] | may not hold",
        "\"control\": {\"webhooks\": [\"http://h.example/\\u00e9\"]}, | control.webhooks[0] | may not hold",
        "\"control\": {\"webhooks\": [\"http://h.example:0/\"]}, | control.webhooks[0] | port",
        "\"control\": {\"webhooks\": [\"http://[::1/\"]}, | control.webhooks[0] | host",
        "\"control\": {\"webhooks\": [\"http:///x\"]}, | control.webhooks[0] | host",
        "\"control\": {\"oscFeedback\": [\"qlab.local:53000\"]}, | control.oscFeedback[0] | ADDRESS:PORT",
        "\"control\": {\"oscFeedback\": [\"192.168.1.20\"]}, | control.oscFeedback[0] | ADDRESS:PORT",
        "\"alerts\": {}, | alerts | nowhere",
        "\"alerts\": {\"email\": [\"-oQ/tmp/x@evil.example\"]}, | alerts.email[0] | not an e-mail",
        "\"alerts\": {\"email\": [\"ops@localhost\"]}, | alerts.email[0] | not an e-mail",
        "\"alerts\": {\"email\": [\"a@b@c.example\"]}, | alerts.email[0] | not an e-mail",
        "\"alerts\": {\"email\": [\"ops@museum.example\"], \"skewFrames\": 0}, | alerts.skewFrames | more than 0",
        "\"alerts\": {\"email\": [\"ops@museum.example\"], \"notPlayingSeconds\": 1}, | alerts.notPlayingSeconds | between 5",
      })
  void eachUntrustedFormIsOneLineAtItsPath(String fields, String path, String what) {
    InvalidLayoutException refused = assertThrows(InvalidLayoutException.class, () -> read(fields));
    assertEquals(1, refused.problems().size(), refused.problems().toString());
    Problem problem = refused.problems().get(0);
    assertEquals(path, problem.jsonPath(), problem.line());
    assertTrue(problem.line().contains(what), problem.line());
  }

  @Test
  void aSourceNetworkMatchesItsAddressesOnly() throws Exception {
    SourceNetwork lan = SourceNetwork.parse("192.168.1.0/24").orElseThrow();
    assertTrue(lan.contains(InetAddress.getByName("192.168.1.77")));
    assertTrue(lan.contains(InetAddress.getByName("::ffff:192.168.1.77")));
    assertTrue(!lan.contains(InetAddress.getByName("192.168.2.1")));
    assertTrue(!lan.contains(InetAddress.getByName("127.0.0.1")));
    assertTrue(SourceNetwork.parse("192.168.1.7/24").isEmpty());
    assertTrue(SourceNetwork.parse("localhost/8").isEmpty());
    assertTrue(SourceNetwork.literal("localhost").isEmpty());
  }
}
