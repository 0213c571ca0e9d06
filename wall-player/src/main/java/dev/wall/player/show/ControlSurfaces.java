package dev.wall.player.show;

import dev.wall.core.layout.Control;
import dev.wall.core.layout.Layout;
import dev.wall.core.layout.SourceNetwork;
import dev.wall.player.control.ControlKey;
import dev.wall.player.control.ControlTally;
import dev.wall.player.control.StatusEvents;
import dev.wall.player.control.WallControl;
import dev.wall.player.control.WallEventsHub;
import dev.wall.player.control.alerts.Alerting;
import dev.wall.player.control.alerts.Sendmail;
import dev.wall.player.control.api.ControlApi;
import dev.wall.player.control.api.FailureThrottle;
import dev.wall.player.control.events.EventDispatcher;
import dev.wall.player.control.events.Outbox;
import dev.wall.player.control.metrics.WallMetrics;
import dev.wall.player.control.osc.OscServer;
import dev.wall.player.launch.LaunchRefused;
import dev.wall.player.launch.Outcome;
import dev.wall.player.status.SkewHistory;
import dev.wall.player.status.StatusServer;
import dev.wall.player.wire.WallEvent;
import dev.wall.player.wire.WallStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Show control around a running wall, set up from the layout's {@code control} and {@code alerts}
 * and {@code wall play}'s options: the ways in (HTTP on the status server, OSC), the events the
 * controller's parts publish ({@link #events()}) and where they go (webhooks, OSC feedback, alerts,
 * metrics), and the skew kept for the page's plots. Every way in hands its commands to one {@link
 * WallControl}; until a wall takes commands, each is refused, saying so.
 */
public final class ControlSurfaces implements AutoCloseable {
  /**
   * What {@code wall play}'s command line says of show control; each overrides the layout.
   *
   * @param http {@code --control}: HTTP control on the status server
   * @param oscPort {@code --osc-port}, or null
   * @param oscAllow {@code --osc-allow}, the networks OSC is taken from
   */
  public record Options(boolean http, Integer oscPort, List<String> oscAllow) {
    public static final Options NONE = new Options(false, null, List.of());

    public Options {
      oscAllow = List.copyOf(oscAllow);
    }
  }

  private final WallEventsHub events = new WallEventsHub();

  /** Null without a status page, which alone serves them: the wall starts sooner without. */
  private WallMetrics metrics;

  private final StatusEvents statusEvents;
  private SkewHistory skew;
  private final List<Consumer<WallStatus>> rounds = new ArrayList<>();
  private final List<AutoCloseable> opened = new ArrayList<>();
  private final Layout layout;
  private final PrintWriter out;
  private StatusServer.Extras extras;
  private OscServer osc;
  private EventDispatcher dispatcher;
  private Alerting alerting;
  private volatile WallControl wall = WallControl.NONE;

  private ControlSurfaces(Layout layout, PrintWriter out) {
    this.layout = layout;
    this.out = out;
    this.statusEvents = new StatusEvents(events, Clock.systemUTC(), layout.hasPlaylist());
    rounds.add(statusEvents);
  }

  /** {@code /metrics} and the page's skew plots, which only the status page serves. */
  private void forThePage() {
    metrics = new WallMetrics(layout);
    skew =
        new SkewHistory(layout.screens().stream().map(s -> s.name()).toList(), Clock.systemUTC());
    events.listen(metrics);
    rounds.add(metrics);
    rounds.add(skew);
  }

  private ControlTally tally() {
    return metrics == null ? ControlTally.NONE : metrics;
  }

  /**
   * Opens every surface the layout and {@code options} turn on.
   *
   * @param statusPage whether the status server runs (HTTP control is served there)
   * @throws LaunchRefused when a surface cannot open: no key where one is needed, a port taken
   */
  public static ControlSurfaces open(
      Layout layout,
      Options options,
      boolean statusPage,
      Map<String, String> environment,
      String host,
      String version,
      PrintWriter out) {
    ControlSurfaces surfaces = new ControlSurfaces(layout, out);
    try {
      surfaces.start(options, statusPage, environment, host, version);
      return surfaces;
    } catch (IOException | RuntimeException e) {
      surfaces.close();
      throw e instanceof LaunchRefused refused ? refused : new LaunchRefused(e.getMessage());
    }
  }

  private void start(
      Options options,
      boolean statusPage,
      Map<String, String> environment,
      String host,
      String version)
      throws IOException {
    if (statusPage) {
      forThePage();
    }
    Optional<Control> control = layout.controlIfSet();
    boolean http = options.http() || control.flatMap(Control::httpIfSet).isPresent();
    Integer oscPort =
        options.oscPort() != null
            ? options.oscPort()
            : control.flatMap(Control::oscIfSet).map(Control.Osc::port).orElse(null);
    List<String> allow =
        options.oscPort() != null
            ? options.oscAllow()
            : control.flatMap(Control::oscIfSet).map(Control.Osc::allow).orElse(List.of());
    List<String> webhooks = control.map(Control::webhooks).orElse(List.of());
    List<String> feedback = control.map(Control::oscFeedback).orElse(List.of());
    boolean alertHooks = layout.alertsIfSet().map(a -> !a.webhooks().isEmpty()).orElse(false);
    ControlKey key = null;
    if (http || oscPort != null || !webhooks.isEmpty() || alertHooks) {
      Path file =
          control.map(Control::keyFile).map(Path::of).orElse(ControlKey.defaultFile(environment));
      try {
        key = ControlKey.read(file);
      } catch (IOException e) {
        throw new LaunchRefused(
            e.getMessage()
                + " (show control"
                + (http ? ", HTTP" : "")
                + (oscPort != null ? ", OSC" : "")
                + (webhooks.isEmpty() && !alertHooks ? "" : ", signed webhooks")
                + " needs it)");
      }
    }
    String name = layout.name() == null ? "wall" : layout.name();
    String agent = "wall/" + version;
    if (http && !statusPage) {
      throw new LaunchRefused(
          "HTTP control is served by the status page: give wall play"
              + " --status-port PORT, or control.http.port in the layout");
    }
    ControlApi api =
        http ? new ControlApi(key, this::submit, FailureThrottle.standard(), tally(), out) : null;
    extras =
        new StatusServer.Extras(
            metrics == null ? null : metrics::scrape, api == null ? null : api::handle);
    if (oscPort != null) {
      List<SourceNetwork> networks = new ArrayList<>();
      for (String network : allow) {
        networks.add(
            SourceNetwork.parse(network)
                .orElseThrow(
                    () ->
                        new LaunchRefused(
                            "--osc-allow takes networks in CIDR notation with the host bits clear, like"
                                + " 192.168.1.0/24, got "
                                + network)));
      }
      if (networks.isEmpty()) {
        throw new LaunchRefused(
            "OSC has no authentication of its own: name the networks it may"
                + " come from with --osc-allow CIDR[,CIDR] (or control.osc.allow)");
      }
      osc =
          OscServer.start(
              new InetSocketAddress(InetAddress.getByAddress(new byte[4]), oscPort),
              networks,
              key,
              this::submit,
              tally(),
              out);
      opened.add(osc);
      say(
          "OSC control on UDP port "
              + osc.address().getPort()
              + ", from "
              + String.join(", ", allow));
    }
    List<InetSocketAddress> targets = new ArrayList<>();
    for (String target : feedback) {
      int colon = target.lastIndexOf(':');
      String address = target.substring(0, colon).replace("[", "").replace("]", "");
      InetAddress ip =
          SourceNetwork.literal(address)
              .orElseThrow(
                  () -> new LaunchRefused("control.oscFeedback: not an IP address: " + target));
      targets.add(new InetSocketAddress(ip, Integer.parseInt(target.substring(colon + 1))));
    }
    if (!webhooks.isEmpty() || !targets.isEmpty()) {
      dispatcher =
          new EventDispatcher(webhooks, targets, key, name, host, agent, Duration.ofSeconds(1));
      opened.add(dispatcher);
      events.listen(dispatcher);
    }
    if (layout.alertsIfSet().isPresent()) {
      var settings = layout.alerts();
      alerting =
          new Alerting(
              settings,
              layout.scheduleIfSet().isPresent(),
              key,
              settings.email().isEmpty()
                  ? Optional.empty()
                  : Sendmail.find(settings.email(), "wall@" + host),
              name,
              host,
              agent,
              Clock.systemUTC(),
              Duration.ofSeconds(1),
              out);
      opened.add(alerting);
      events.listen(alerting.rules());
      rounds.add(alerting.rules());
    }
  }

  /**
   * The door every way in knocks at: the wall's, once it takes commands. Each command the wall
   * applied is told as an event, with its source.
   */
  private dev.wall.player.control.CommandOutcome submit(
      dev.wall.player.wire.ControlCommand command, dev.wall.player.control.CommandSource source) {
    dev.wall.player.control.CommandOutcome outcome = wall.submit(command, source);
    if (outcome.applied()) {
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("command", command.text());
      facts.put("source", source.toString());
      facts.put("outcome", outcome.message());
      events.publish(WallEvent.of(WallEvent.Kind.COMMAND_APPLIED, java.time.Instant.now(), facts));
    }
    return outcome;
  }

  /** Closes {@code closeable} with the surfaces, before them (last opened, first closed). */
  public void closeWith(AutoCloseable closeable) {
    opened.add(closeable);
  }

  /**
   * {@code wall ctl COMMAND} on this machine: the control socket in {@code runDir}, always on (only
   * the wall's own user is heard there).
   *
   * @throws LaunchRefused when the socket cannot be opened
   */
  public void listenOnSocket(Path runDir) {
    try {
      opened.add(dev.wall.player.control.ctl.CtlServer.start(runDir, this::submit, tally(), out));
    } catch (IOException e) {
      throw new LaunchRefused(e.getMessage() + "; is another wall running with this --run-dir?");
    }
  }

  /** The running wall that takes the commands (until then, each is refused). */
  public void commandsTo(WallControl control) {
    this.wall = control;
  }

  /** Where the controller's parts publish what happened. */
  public WallEventsHub events() {
    return events;
  }

  /** What the status server serves beside the page: {@code /metrics}, and HTTP control if on. */
  public StatusServer.Extras extras() {
    return extras;
  }

  public SkewHistory skew() {
    return skew;
  }

  public WallMetrics metrics() {
    return metrics;
  }

  public Optional<OscServer> osc() {
    return Optional.ofNullable(osc);
  }

  public Optional<EventDispatcher> dispatcher() {
    return Optional.ofNullable(dispatcher);
  }

  public Optional<Alerting> alerting() {
    return Optional.ofNullable(alerting);
  }

  /** Each control round from rank 0 (about once a second). */
  public void round(WallStatus status) {
    for (Consumer<WallStatus> listener : rounds) {
      try {
        listener.accept(status);
      } catch (RuntimeException e) {
        // One listener's bug costs the others nothing, nor the wall.
      }
    }
  }

  /**
   * One run of the wall's job, watched: a new run starts its loop count afresh, and a run that
   * ended with a lost rank or node tells which hosts and screens, as the layout names them (the
   * hosts its message names, when the controller could not tell).
   */
  public Supervisor.Job watch(Supervisor.Job job) {
    return () -> {
      statusEvents.newRun();
      Outcome outcome = job.run();
      if (metrics != null) {
        metrics.jobEnded();
      }
      if (outcome instanceof Outcome.RankLost lost) {
        Map<String, String> facts = new LinkedHashMap<>();
        List<String> hosts = lost.hosts().isEmpty() ? hostsNamedIn(lost.message()) : lost.hosts();
        facts.put("hosts", String.join(",", hosts));
        if (!lost.screens().isEmpty()) {
          facts.put("screens", String.join(",", lost.screens()));
        }
        facts.put("cause", lost.message());
        events.publish(WallEvent.of(WallEvent.Kind.NODE_LOST, java.time.Instant.now(), facts));
      }
      return outcome;
    };
  }

  /** The layout's hosts that {@code message} names, as whole words. */
  List<String> hostsNamedIn(String message) {
    List<String> named = new ArrayList<>();
    for (String host : layout.hosts()) {
      if (Pattern.compile(
              "(?<![A-Za-z0-9.-])" + Pattern.quote(host) + "(?![A-Za-z0-9-]|\\.[A-Za-z0-9])")
          .matcher(message)
          .find()) {
        named.add(host);
      }
    }
    return named;
  }

  private void say(String line) {
    synchronized (out) {
      out.println("wall: " + line);
      out.flush();
    }
  }

  /**
   * Gives every event and alert target, all together, this long to take what still waits for it as
   * the wall stops, so that the run's end (node-lost, its alert) is told.
   */
  static final Duration LAST_EVENTS = Duration.ofSeconds(2);

  /**
   * Waits, {@code within} at most, for every outbox to send what waits; a target that did not take
   * it all by then is named in the log with what it missed.
   */
  private void sendWhatWaits(Duration within) {
    List<Outbox<?>> outboxes = new ArrayList<>();
    dispatcher().ifPresent(d -> outboxes.addAll(d.outboxes()));
    alerting().ifPresent(a -> outboxes.addAll(a.outboxes()));
    long deadline = System.nanoTime() + within.toNanos();
    for (Outbox<?> outbox : outboxes) {
      try {
        int left = outbox.drain(deadline);
        if (left > 0) {
          say(
              outbox.name()
                  + ": "
                  + left
                  + (left == 1 ? " message" : " messages")
                  + " not sent: the wall stopped, and it had not taken them within "
                  + within.toSeconds()
                  + " s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return; // stopping now
      }
    }
  }

  /** Sends what waits ({@link #LAST_EVENTS} at most), then closes every surface. */
  @Override
  public void close() {
    sendWhatWaits(LAST_EVENTS);
    for (int i = opened.size() - 1; i >= 0; i--) {
      AutoCloseable closeable = opened.get(i);
      try {
        closeable.close();
      } catch (Exception e) {
        // Closing the rest all the same.
      }
    }
  }
}
