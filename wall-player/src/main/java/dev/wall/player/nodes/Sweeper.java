package dev.wall.player.nodes;

import dev.wall.player.wire.Probe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stops what a run left on its nodes, by their PID files ({@link RunRecord}), on every node at
 * once, and says what it found: so that the wall only claims that every rank and player was stopped
 * when it checked.
 */
public final class Sweeper {
  private final RemoteNodes nodes;
  private final Path runDir;

  public Sweeper(RemoteNodes nodes, Path runDir) {
    this.nodes = nodes;
    this.runDir = runDir;
  }

  /**
   * What a sweep found.
   *
   * @param stopped processes that were still running and were stopped, over all nodes
   * @param left per node, the processes that would not stop
   * @param unchecked per node that could not be asked, why
   * @param logs per node, the last lines of the logs asked for
   */
  public record Result(
      int stopped,
      Map<String, List<String>> left,
      Map<String, String> unchecked,
      Map<String, Map<Path, List<String>>> logs) {
    /** True when every node answered and nothing was left running. */
    public boolean clean() {
      return left.isEmpty() && unchecked.isEmpty();
    }

    /** A clause for the technician: what could not be checked or stopped, or empty. */
    public String problems() {
      List<String> parts = new ArrayList<>();
      left.forEach(
          (host, processes) ->
              parts.add("on " + host + " " + String.join(", ", processes) + " would not stop"));
      unchecked.forEach((host, why) -> parts.add("could not check " + host + " (" + why + ")"));
      return String.join("; ", parts);
    }
  }

  /** Sweeps {@code hosts}, each within {@code deadline}. */
  public Result sweep(Collection<String> hosts, Duration deadline) {
    return sweep(hosts, deadline, Map.of());
  }

  /** The same, also fetching the last lines of {@code logs} (by host) from those nodes. */
  public Result sweep(Collection<String> hosts, Duration deadline, Map<String, List<Path>> logs) {
    Map<String, Probe.Request> requests = new LinkedHashMap<>();
    for (String host : hosts) {
      requests.put(
          host,
          new Probe.Request(host, runDir, true, false, null, List.of(), false, null, null, false)
              .withLogs(logs.getOrDefault(host, List.of())));
    }
    Map<String, Map<Path, List<String>>> fetched = new LinkedHashMap<>();
    int stopped = 0;
    Map<String, List<String>> left = new LinkedHashMap<>();
    Map<String, String> unchecked = new LinkedHashMap<>();
    for (RemoteNodes.Reply reply : nodes.ask(requests, deadline).values()) {
      if (!reply.answered()) {
        unchecked.put(reply.host(), reply.detail());
        continue;
      }
      stopped += reply.answer().swept();
      if (!reply.answer().logs().isEmpty()) {
        fetched.put(reply.host(), reply.answer().logs());
      }
      if (!reply.answer().left().isEmpty()) {
        left.put(reply.host(), reply.answer().left());
      }
      if (!reply.answer().refused().isEmpty()) {
        unchecked.put(reply.host(), String.join("; ", reply.answer().refused()));
      }
    }
    return new Result(stopped, left, unchecked, fetched);
  }
}
