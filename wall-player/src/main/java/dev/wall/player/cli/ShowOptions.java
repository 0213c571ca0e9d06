package dev.wall.player.cli;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.SourceNetwork;
import dev.wall.core.schedule.ScheduleClock;
import dev.wall.player.cli.common.BadInputException;
import dev.wall.player.show.ControlSurfaces;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Option;

/**
 * {@code wall play}'s options for running a show: the status page, show control, and a rehearsal of
 * the schedule.
 */
public final class ShowOptions {
  @Option(
      names = "--status-port",
      paramLabel = "PORT",
      description =
          "Serve a read-only status page on PORT (on this machine only, unless --status-listen).")
  Integer statusPort;

  @Option(
      names = "--status-listen",
      paramLabel = "ADDRESS",
      description =
          "Where the status page listens: 127.0.0.1 (the default: this machine only), this machine's"
              + " LAN address, or 0.0.0.0 for every network.")
  String statusListen;

  @Option(
      names = "--control",
      description =
          "Take commands over HTTP on the status page (POST /api/v1/COMMAND with the control key as a"
              + " bearer token; needs --status-port, and a key: wall ctl --new-key).")
  boolean control;

  @Option(
      names = "--osc-port",
      paramLabel = "PORT",
      description =
          "Take OSC commands over UDP on PORT (/wall/pause s KEY ...), from the --osc-allow networks only.")
  Integer oscPort;

  @Option(
      names = "--osc-allow",
      paramLabel = "CIDR",
      split = ",",
      description =
          "The networks OSC may come from, like 192.168.1.0/24 (several: comma-separated).")
  java.util.List<String> oscAllow;

  @Option(
      names = "--pretend-now",
      paramLabel = "TIME",
      description =
          "Rehearse the schedule: run it as if its clock read TIME now (local time in the schedule's"
              + " zone, like 2026-03-30T17:59:50), then at its real pace.")
  String pretendNow;

  InetAddress statusAddress() throws UnknownHostException {
    if (statusPort == null) {
      if (statusListen != null) {
        throw new BadInputException("--status-listen needs --status-port PORT");
      }
      return null;
    }
    if (statusPort < 0 || statusPort > 65535) {
      throw new BadInputException("--status-port must be between 0 and 65535, got " + statusPort);
    }
    if (statusListen == null) {
      return InetAddress.getLoopbackAddress();
    }
    if (!statusListen.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
      throw new BadInputException(
          "--status-listen takes an IP address (127.0.0.1, 0.0.0.0, or this machine's"
              + " LAN address), got "
              + statusListen);
    }
    return InetAddress.getByName(statusListen);
  }

  /** What the command line says of show control, checked: bad input before anything starts. */
  ControlSurfaces.Options control() {
    if (control && statusPort == null) {
      throw new BadInputException(
          "--control serves commands on the status page: add --status-port PORT");
    }
    if (oscPort != null && (oscPort < 1 || oscPort > 65535)) {
      throw new BadInputException("--osc-port must be between 1 and 65535, got " + oscPort);
    }
    java.util.List<String> allow = oscAllow == null ? java.util.List.of() : oscAllow;
    if (oscPort != null && allow.isEmpty()) {
      throw new BadInputException(
          "--osc-port needs --osc-allow CIDR[,CIDR]: OSC has no authentication of its own,"
              + " so name the networks it may come from, like 192.168.1.0/24");
    }
    if (oscPort == null && !allow.isEmpty()) {
      throw new BadInputException("--osc-allow needs --osc-port PORT");
    }
    for (String network : allow) {
      if (SourceNetwork.parse(network).isEmpty()) {
        throw new BadInputException(
            "--osc-allow takes networks in CIDR notation with the host bits clear, like"
                + " 192.168.1.0/24 or 127.0.0.1/32, got "
                + network);
      }
    }
    return new ControlSurfaces.Options(control, oscPort, allow);
  }

  ScheduleClock clock(Layout layout) {
    if (pretendNow == null) {
      return ScheduleClock.system();
    }
    if (layout.scheduleIfSet().isEmpty()) {
      throw new BadInputException("--pretend-now rehearses a schedule, and this layout has none");
    }
    try {
      Instant pretend =
          LocalDateTime.parse(pretendNow)
              .atZone(ZoneId.of(layout.schedule().timezone()))
              .toInstant();
      return ScheduleClock.shifted(Duration.between(Instant.now(), pretend));
    } catch (DateTimeParseException e) {
      throw new BadInputException(
          "--pretend-now takes a local time like 2026-03-30T17:59:50, got " + pretendNow);
    }
  }
}
