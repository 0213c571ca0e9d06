package dev.wall.player.show;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceWatchdogTest {
  @Test
  void outsideAUnitWithAWatchdogItDoesNothing() {
    Path run = Path.of("/tmp/wall-unused");
    assertFalse(ServiceWatchdog.fromEnvironment(Map.of(), run).active());
    assertFalse(
        ServiceWatchdog.fromEnvironment(Map.of("NOTIFY_SOCKET", "/run/systemd/notify"), run)
            .active(),
        "a notify socket without WATCHDOG_USEC is a unit with no watchdog");
    assertFalse(
        ServiceWatchdog.fromEnvironment(
                Map.of("NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC", "0"), run)
            .active());
    assertFalse(
        ServiceWatchdog.fromEnvironment(
                Map.of("NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC", "x"), run)
            .active());
    ServiceWatchdog.fromEnvironment(Map.of(), run).alive();
  }

  @Test
  void underAUnitWithAWatchdogItIsActive() {
    assertTrue(
        ServiceWatchdog.fromEnvironment(
                Map.of("NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC", "60000000"),
                Path.of("/tmp/wall-unused"))
            .active());
  }
}
