package dev.wall.player.show;

import dev.wall.player.process.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Feeds systemd's watchdog for the autostart unit ({@code WatchdogSec=}), so that a wall that hangs
 * (no control round for a whole watchdog period) is killed and restarted. Java's Unix sockets are
 * stream sockets and systemd's notify socket is a datagram one, so each ping is a {@code
 * systemd-notify WATCHDOG=1} child: the unit says {@code NotifyAccess=all}, and systemd-notify
 * waits until systemd has read the message (its barrier), so the message is never lost to the child
 * exiting first. Outside such a unit (no {@code WATCHDOG_USEC}) it does nothing.
 *
 * <p>Call {@link #alive} whenever the wall shows progress; it pings at most every quarter period,
 * on a thread of its own, and never blocks the caller.
 */
public final class ServiceWatchdog {
  private static final ServiceWatchdog NONE = new ServiceWatchdog(null, 0, null);
  private static final Duration NOTIFY_TIMEOUT = Duration.ofSeconds(10);

  private final String notifySocket;
  private final long intervalNanos;
  private final Path log;
  private final AtomicLong lastPing = new AtomicLong();
  private final AtomicBoolean pinging = new AtomicBoolean();

  private ServiceWatchdog(String notifySocket, long intervalNanos, Path log) {
    this.notifySocket = notifySocket;
    this.intervalNanos = intervalNanos;
    this.log = log;
  }

  /**
   * Active only under systemd with a watchdog for this process ({@code WATCHDOG_USEC}, {@code
   * NOTIFY_SOCKET}).
   */
  public static ServiceWatchdog fromEnvironment(Map<String, String> env, Path runDir) {
    String socket = env.get("NOTIFY_SOCKET");
    String usec = env.get("WATCHDOG_USEC");
    if (socket == null
        || socket.isEmpty()
        || usec == null
        || !usec.matches("\\d{1,15}")
        || Long.parseLong(usec) == 0) {
      return NONE;
    }
    return new ServiceWatchdog(
        socket, Long.parseLong(usec) * 1000 / 4, runDir.resolve("systemd-notify.log"));
  }

  public boolean active() {
    return notifySocket != null;
  }

  /** The wall made progress: tell systemd, unless it was told less than a quarter period ago. */
  public void alive() {
    if (!active()) {
      return;
    }
    long now = System.nanoTime();
    long last = lastPing.get();
    if (last != 0 && now - last < intervalNanos || !pinging.compareAndSet(false, true)) {
      return;
    }
    lastPing.set(now);
    Thread ping =
        new Thread(
            () -> {
              try {
                notify("WATCHDOG=1");
              } finally {
                pinging.set(false);
              }
            },
            "systemd-watchdog");
    ping.setDaemon(true);
    ping.start();
  }

  /** One message, such as {@code WATCHDOG=1}; false when systemd-notify failed or is missing. */
  boolean notify(String message) {
    try {
      Files.createDirectories(log.getParent());
      try (ChildProcess notify =
          ChildProcess.start(
              "systemd-notify",
              List.of("systemd-notify", message),
              log,
              Map.of("NOTIFY_SOCKET", notifySocket))) {
        return notify.waitFor(NOTIFY_TIMEOUT).orElse(-1) == 0;
      }
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
