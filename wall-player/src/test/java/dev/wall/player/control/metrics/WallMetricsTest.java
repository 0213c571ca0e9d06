package dev.wall.player.control.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.LayoutReader;
import dev.wall.core.sync.ScreenState;
import dev.wall.player.control.CommandOutcome;
import dev.wall.player.control.CommandSource;
import dev.wall.player.wire.ControlCommand;
import dev.wall.player.wire.WallEvent;
import dev.wall.player.wire.WallStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /metrics}: the figures the issue names, and a text promtool accepts. */
class WallMetricsTest {
  @TempDir Path dir;

  static final String LAYOUT =
      """
      {"version": 1, "name": "lobby", "mediaRoot": "/m", "screens": [
        {"name": "left", "host": "rpi1", "media": "a.mp4"},
        {"name": "right", "host": "rpi2", "media": "a.mp4"}]}
      """;

  @Test
  void theFiguresAreThereAndPromtoolPassesThem() throws Exception {
    WallMetrics metrics = new WallMetrics(new LayoutReader().read("lobby.json", LAYOUT));
    metrics.accept(
        new WallStatus(
            3,
            0,
            1.5,
            12.5,
            30,
            List.of(
                new WallStatus.Screen(
                    "left", "rpi1", ScreenState.PLAYING, 1.5, 4.0, 0.9995, 1, null, null),
                new WallStatus.Screen(
                    "right", "rpi2", ScreenState.RECOVERING, null, null, 1, 2, "x", null))));
    metrics.publish(WallEvent.of(WallEvent.Kind.LOOP_STARTED, Instant.now(), Map.of()));
    metrics.publish(WallEvent.of(WallEvent.Kind.JOB_RESTARTED, Instant.now(), Map.of()));
    metrics.publish(WallEvent.of(WallEvent.Kind.NODE_LOST, Instant.now(), Map.of("hosts", "rpi2")));
    metrics.refused("http", "key");
    metrics.refused("osc", "source");
    metrics.answered(
        new CommandSource("osc", "127.0.0.1:1"),
        CommandOutcome.applied(new ControlCommand.Pause(), "now"));
    String text = new String(metrics.scrape(), StandardCharsets.UTF_8);
    for (String line :
        List.of(
            "wall_screen_skew_seconds{host=\"rpi1\",screen=\"left\"} 0.004",
            "wall_screen_skew_abs_seconds_bucket{host=\"rpi1\",screen=\"left\",le=\"0.004\"} 1",
            "wall_screen_rate{host=\"rpi1\",screen=\"left\"} 0.9995",
            "wall_screen_state{host=\"rpi2\",screen=\"right\",state=\"recovering\"} 1.0",
            "wall_screen_player_restarts_total{host=\"rpi2\",screen=\"right\"} 2.0",
            "wall_job_restarts_total 1.0",
            "wall_loops_started_total 1.0",
            "wall_node_up{host=\"rpi1\"} 1.0",
            "wall_node_up{host=\"rpi2\"} 0.0",
            "wall_schedule_open 1.0",
            "wall_commands_total{reason=\"key\",result=\"refused\",way=\"http\"} 1.0",
            "wall_commands_total{reason=\"none\",result=\"applied\",way=\"osc\"} 1.0")) {
      assertTrue(text.contains(line + "\n"), line + " in\n" + text);
    }
    assertTrue(
        !text.contains("wall_screen_skew_seconds{host=\"rpi2\""), "no skew while it does not play");
    Path file = dir.resolve("metrics.txt");
    Files.writeString(file, text);
    Process promtool =
        new ProcessBuilder("promtool", "check", "metrics")
            .redirectInput(file.toFile())
            .redirectErrorStream(true)
            .start();
    String said = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, promtool.waitFor(), said);
    assertEquals("", said.strip(), "promtool's remarks");
  }
}
