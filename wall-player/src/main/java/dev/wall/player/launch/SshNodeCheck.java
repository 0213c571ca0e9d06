package dev.wall.player.launch;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.Screen;
import dev.wall.player.nodes.Ssh;
import dev.wall.player.process.ChildProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Whether every node of the wall answers over the wall's ssh, all nodes at once: what the
 * supervisor waits for before it starts a lost job again. This machine always answers.
 */
public final class SshNodeCheck implements Supervisor.NodeCheck {
  /** ssh gives up connecting after this; a node that answers does so in well under a second. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private final Layout layout;
  private final LocalMachine local;
  private final Ssh ssh;
  private final Path log;

  /** @param log where ssh's own words go, rotated like every log */
  public SshNodeCheck(Layout layout, LocalMachine local, Ssh ssh, Path log) {
    this.layout = layout;
    this.local = local;
    this.ssh = ssh;
    this.log = log;
  }

  @Override
  public List<String> notAnswering() {
    Map<String, ChildProcess> asked = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (String host : layout.hosts()) {
      if (local.isThisMachine(host)) {
        continue;
      }
      try {
        asked.put(host, ChildProcess.start("ssh " + host, ssh.command(host, CONNECT_TIMEOUT, List.of(), List.of("true")),
            log, Map.of()));
      } catch (IOException e) {
        missing.add(who(host) + " could not be asked: " + e.getMessage());
      }
    }
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    for (Map.Entry<String, ChildProcess> node : asked.entrySet()) {
      try (ChildProcess check = node.getValue()) {
        int code = check.waitFor(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))).orElse(-1);
        if (code != 0) {
          missing.add(who(node.getKey()) + " does not answer over ssh"
              + (code == -1 ? " within " + DEADLINE.toSeconds() + " s" : " (ssh exit " + code + ")"));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        missing.add(who(node.getKey()) + " was not checked (interrupted)");
      }
    }
    return missing;
  }

  private String who(String host) {
    return host + " (" + layout.screens().stream().filter(s -> s.host().equals(host)).map(Screen::name)
        .collect(Collectors.joining(", ")) + ")";
  }
}
