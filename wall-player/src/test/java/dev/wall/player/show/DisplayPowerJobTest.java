package dev.wall.player.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import dev.wall.player.launch.MpiSettings;
import dev.wall.player.nodes.LocalMachine;
import dev.wall.player.plan.DisplaySettings;
import dev.wall.player.wire.PowerOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The display power job: one process per display (a host's output), on that host, with the wall's
 * display.
 */
class DisplayPowerJobTest {
  static final String WALL =
      """
      {"version": 1, "mediaRoot": "/m",
       "schedule": {"timezone": "UTC", "open": [{"days": "Mon-Sun", "from": "09:00", "to": "18:00"}], "displayPower": "cec"},
       "screens": [
        {"name": "a", "host": "rpi1", "output": 0, "window": {"x": 0, "y": 0, "width": 960, "height": 540}, "media": "a.mp4"},
        {"name": "b", "host": "rpi1", "output": 0, "window": {"x": 960, "y": 0, "width": 960, "height": 540}, "media": "b.mp4"},
        {"name": "c", "host": "rpi1", "output": 1, "media": "c.mp4"},
        {"name": "d", "host": "rpi2", "media": "d.mp4"}]}
      """;

  @Test
  void oneOrderPerDisplayOnItsHost() throws Exception {
    Layout layout = new LayoutReader().read("wall.json", WALL);
    DisplayPowerJob job =
        new DisplayPowerJob(layout, new LocalMachine(false, 4, "controller"), Path.of("/run/wall"));
    DisplaySettings display = new DisplaySettings(Map.of("DISPLAY", ":0"));
    List<String> argv =
        job.argv(
            false,
            display,
            Path.of("/run/wall/hostfile"),
            "/usr/bin/java",
            "/wall.jar",
            MpiSettings.none());
    String line = String.join(" ", argv);
    assertTrue(line.startsWith("mpirun "), line);
    assertTrue(
        line.contains("-np 1 --host rpi1:3 /bin/sh -c "), "each node runs its own Java: " + line);
    assertTrue(!line.contains("/usr/bin/java"), "never this controller's: " + line);
    List<String> local =
        new DisplayPowerJob(layout, new LocalMachine(false, 4, "rpi1"), Path.of("/run/wall"))
            .argv(
                false,
                display,
                Path.of("/run/wall/hostfile"),
                "/usr/bin/java",
                "/wall.jar",
                MpiSettings.none());
    assertTrue(
        String.join(" ", local).contains("-np 1 --host rpi1:3 /usr/bin/java"),
        "on the controller, its own");
    assertTrue(
        line.endsWith(
            "dev.wall.player.power.PowerMain --state off --kind cec --output 0 --host rpi2 --screens d"
                + " --display-var DISPLAY=:0"),
        line);
    assertEquals(3, job.orders(false, display).size());
    assertEquals("a,b", job.orders(false, display).get(0).screens());
    assertEquals(
        List.of(1),
        job.orders(false, display).stream()
            .filter(o -> o.screens().equals("c"))
            .map(PowerOrder::output)
            .toList());
  }

  @Test
  void anOrderCrossesTheWireAndItsAnswerComesBack() {
    PowerOrder order =
        new PowerOrder(
            true,
            dev.wall.core.layout.DisplayPowerKind.X11,
            1,
            new DisplaySettings(Map.of("DISPLAY", ":0", "XAUTHORITY", "/home/pi/.Xauthority")),
            "rpi1",
            "a,b");
    assertEquals(order, PowerOrder.parse(order.args()));
    assertEquals(
        "a,b on rpi1: display on (xset)",
        PowerOrder.parseResult(order.resultLine("display on (xset)")).orElseThrow());
  }
}
