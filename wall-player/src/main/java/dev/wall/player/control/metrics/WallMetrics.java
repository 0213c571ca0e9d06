package dev.wall.player.control.metrics;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.Screen;
import dev.wall.core.sync.ScreenState;
import dev.wall.player.control.CommandOutcome;
import dev.wall.player.control.CommandSource;
import dev.wall.player.control.ControlTally;
import dev.wall.player.control.WallEvents;
import dev.wall.player.wire.WallEvent;
import dev.wall.player.wire.WallStatus;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The wall's figures for Prometheus ({@code GET /metrics} on the status server), kept by the
 * Prometheus Java client in a registry of the wall's own, fed by the control rounds, the events and
 * the ways in. Every label is a screen, a host, or one of a few fixed words, so the series are
 * bounded by the layout.
 */
public final class WallMetrics implements WallEvents, Consumer<WallStatus>, ControlTally {
  /** The screen states as the {@code state} label spells them. */
  static final List<String> STATES = List.of("playing", "recovering", "given_up", "stopped");

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final Map<String, String> hostOf = new HashMap<>();
  private final Map<String, Integer> restartsSeen = new HashMap<>();
  private final Set<String> hosts;
  private final Gauge skew;
  private final Histogram skewSpread;
  private final Gauge rate;
  private final Gauge state;
  private final Counter playerRestarts;
  private final Counter jobRestarts;
  private final Counter loops;
  private final Counter items;
  private final Gauge nodeUp;
  private final Gauge scheduleOpen;
  private final Gauge wallSkew;
  private final Counter commands;

  public WallMetrics(Layout layout) {
    for (Screen screen : layout.screens()) {
      hostOf.put(screen.name(), screen.host());
    }
    hosts = Set.copyOf(layout.hosts());
    skew =
        register(
            Gauge.builder()
                .name("wall_screen_skew_seconds")
                .help(
                    "How far the screen is ahead of the wall (negative: behind) at the last control"
                        + " round; absent while it does not play")
                .labelNames("screen", "host")
                .build());
    skewSpread =
        register(
            Histogram.builder()
                .name("wall_screen_skew_abs_seconds")
                .help("The screen's skew, either way, at each control round (about once a second)")
                .labelNames("screen", "host")
                .classicOnly()
                .classicUpperBounds(
                    0.001, 0.002, 0.004, 0.008, 0.017, 0.033, 0.05, 0.1, 0.25, 0.5, 1)
                .withoutExemplars()
                .build());
    rate =
        register(
            Gauge.builder()
                .name("wall_screen_rate")
                .help("The screen's playback rate, trimmed to hold it to the wall")
                .labelNames("screen", "host")
                .build());
    state =
        register(
            Gauge.builder()
                .name("wall_screen_state")
                .help("1 for the state the screen is in, 0 for the others")
                .labelNames("screen", "host", "state")
                .build());
    playerRestarts =
        register(
            Counter.builder()
                .name("wall_screen_player_restarts")
                .help("Players started in place of one that failed")
                .labelNames("screen", "host")
                .withoutExemplars()
                .build());
    jobRestarts =
        register(
            Counter.builder()
                .name("wall_job_restarts")
                .help("Times the supervisor started the wall's job again after it was lost")
                .withoutExemplars()
                .build());
    loops =
        register(
            Counter.builder()
                .name("wall_loops_started")
                .help("Loops the wall started (the first of each run included)")
                .withoutExemplars()
                .build());
    items =
        register(
            Counter.builder()
                .name("wall_items_started")
                .help("Playlist items the wall started")
                .withoutExemplars()
                .build());
    nodeUp =
        register(
            Gauge.builder()
                .name("wall_node_up")
                .help(
                    "1 while the node's ranks answer the control rounds, 0 once it is lost or the wall"
                        + " is not running")
                .labelNames("host")
                .build());
    scheduleOpen =
        register(
            Gauge.builder()
                .name("wall_schedule_open")
                .help(
                    "1 while the schedule has the wall on (always, without a schedule), 0 while it is"
                        + " off: leave closed hours out of your own alerts with it")
                .build());
    wallSkew =
        register(
            Gauge.builder()
                .name("wall_skew_seconds")
                .help("The spread of the playing screens at the last control round")
                .build());
    commands =
        register(
            Counter.builder()
                .name("wall_commands")
                .help(
                    "Commands by way in (http, osc, ctl) and result: applied, refused by the wall, or"
                        + " refused before it (reason: key, source, origin, throttled, malformed, busy)")
                .labelNames("way", "result", "reason")
                .withoutExemplars()
                .build());
    for (Screen screen : layout.screens()) {
      playerRestarts.labelValues(screen.name(), screen.host());
      for (String s : STATES) {
        state.labelValues(screen.name(), screen.host(), s).set(s.equals("stopped") ? 1 : 0);
      }
    }
    for (String host : hosts) {
      nodeUp.labelValues(host).set(0);
    }
    scheduleOpen.set(layout.scheduleIfSet().isPresent() ? 0 : 1);
    jobRestarts.inc(0);
    loops.inc(0);
    items.inc(0);
  }

  private <M extends io.prometheus.metrics.model.registry.Collector> M register(M metric) {
    registry.register(metric);
    return metric;
  }

  @Override
  public void accept(WallStatus status) {
    synchronized (this) {
      wallSkew.set(status.skewMillis() / 1000);
      for (WallStatus.Screen screen : status.screens()) {
        String name = screen.name();
        String host = hostOf.getOrDefault(name, screen.host());
        if (screen.skewMillis() != null && screen.state() == ScreenState.PLAYING) {
          skew.labelValues(name, host).set(screen.skewMillis() / 1000);
          skewSpread.labelValues(name, host).observe(Math.abs(screen.skewMillis()) / 1000);
        } else {
          skew.remove(name, host);
        }
        rate.labelValues(name, host).set(screen.rate());
        String now = screen.state().name().toLowerCase(java.util.Locale.ROOT);
        for (String s : STATES) {
          state.labelValues(name, host, s).set(s.equals(now) ? 1 : 0);
        }
        int before = restartsSeen.getOrDefault(name, 0);
        // A new run of the job counts from 0 again.
        int added = screen.restarts() >= before ? screen.restarts() - before : screen.restarts();
        if (added > 0) {
          playerRestarts.labelValues(name, host).inc(added);
        }
        restartsSeen.put(name, screen.restarts());
      }
      for (String host : hosts) {
        nodeUp.labelValues(host).set(1);
      }
    }
  }

  @Override
  public void publish(WallEvent event) {
    synchronized (this) {
      switch (event.kind()) {
        case LOOP_STARTED -> loops.inc();
        case ITEM_CHANGED -> items.inc();
        case JOB_RESTARTED -> jobRestarts.inc();
        case NODE_LOST -> {
          for (String host : event.facts().getOrDefault("hosts", "").split(",")) {
            if (hosts.contains(host)) {
              nodeUp.labelValues(host).set(0);
            }
          }
          restartsSeen.clear();
        }
        case SCHEDULE_OFF -> {
          scheduleOpen.set(0);
          hosts.forEach(host -> nodeUp.labelValues(host).set(0));
        }
        case SCHEDULE_ON -> scheduleOpen.set(1);
        default -> {}
      }
    }
  }

  /** The job ended: no node answers for it until the next run's first round. */
  public synchronized void jobEnded() {
    hosts.forEach(host -> nodeUp.labelValues(host).set(0));
    restartsSeen.clear();
    for (Map.Entry<String, String> screen : hostOf.entrySet()) {
      skew.remove(screen.getKey(), screen.getValue());
      for (String s : STATES) {
        state.labelValues(screen.getKey(), screen.getValue(), s).set(s.equals("stopped") ? 1 : 0);
      }
    }
  }

  @Override
  public void refused(String way, String reason) {
    commands.labelValues(way, "refused", reason).inc();
  }

  @Override
  public void answered(CommandSource source, CommandOutcome outcome) {
    commands
        .labelValues(
            source.way(),
            outcome.applied() ? "applied" : "refused",
            outcome.applied() ? "none" : "wall")
        .inc();
  }

  /** Every metric now, in the Prometheus text format (version 0.0.4). */
  public byte[] scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Override
  public String toString() {
    return "WallMetrics" + Arrays.toString(hosts.toArray());
  }
}
