package dev.wall.player.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Puts a {@link PublishPlan} on the nodes, every node at once and each node's files one after
 * another: what a node already holds whole is left as it is (and marked as used), anything else is
 * sent and verified there; then the node's cache is brought under its size limit ({@link
 * CacheCleanup}), never removing a file a running wall plays there.
 */
public final class Publisher {
  /** How files travel to a node. */
  public enum Transport {
    /** rsync where this machine and the node both have it, else a plain copy over ssh. */
    AUTO,
    RSYNC,
    SSH
  }

  /**
   * One file that did not get there.
   *
   * @param screen the first screen that plays it
   * @param what what happened
   */
  public record Failure(String screen, Path source, String what) {}

  /**
   * How it went on one node.
   *
   * @param unreached why the node could not be reached or its cache not used, or null
   * @param repaired of {@code sent}, the files that were there but damaged
   * @param verified cache names the node holds whole now
   * @param transport how files went there ("rsync", "ssh", "local copy")
   */
  public record NodeReport(
      String host,
      Path cache,
      String unreached,
      int sent,
      int repaired,
      int alreadyThere,
      List<Failure> failures,
      Set<String> verified,
      int removed,
      long removedBytes,
      long keptBytes,
      long neededBytes,
      String transport) {
    public boolean allVerified() {
      return unreached == null && failures.isEmpty();
    }
  }

  private final Function<String, NodeCache> caches;
  private final Transport transport;
  private final Optional<String> rsyncShell;
  private final long keepBytes;
  private final Function<String, Set<String>> playing;

  /**
   * @param caches each host's cache
   * @param rsyncShell rsync's {@code -e} when this machine has rsync, else empty
   */
  public Publisher(
      Function<String, NodeCache> caches,
      Transport transport,
      Optional<String> rsyncShell,
      long keepBytes) {
    this(caches, transport, rsyncShell, keepBytes, host -> Set.of());
  }

  /**
   * @param playing each host's cache names a running wall plays there: kept whatever the limit
   */
  public Publisher(
      Function<String, NodeCache> caches,
      Transport transport,
      Optional<String> rsyncShell,
      long keepBytes,
      Function<String, Set<String>> playing) {
    this.caches = caches;
    this.transport = transport;
    this.rsyncShell = rsyncShell;
    this.keepBytes = keepBytes;
    this.playing = playing;
  }

  public Map<String, NodeReport> publish(PublishPlan.Plan plan) {
    Map<String, CompletableFuture<NodeReport>> pending = new LinkedHashMap<>();
    plan.files()
        .forEach(
            (host, files) ->
                pending.put(
                    host,
                    CompletableFuture.supplyAsync(
                        () -> publish(caches.apply(host), files),
                        runnable -> {
                          Thread t = new Thread(runnable, "publish-" + host);
                          t.setDaemon(true);
                          t.start();
                        })));
    Map<String, NodeReport> reports = new LinkedHashMap<>();
    pending.forEach((host, future) -> reports.put(host, future.join()));
    return reports;
  }

  private NodeReport publish(NodeCache cache, List<PublishPlan.Placement> files) {
    Set<String> needed = new LinkedHashSet<>();
    files.forEach(f -> needed.add(f.cacheName()));
    NodeCache.Inventory inventory;
    try {
      inventory = cache.inventory(needed);
    } catch (NodeCache.Failed e) {
      List<Failure> failed =
          files.stream()
              .map(f -> new Failure(f.firstScreen(), f.source(), e.getMessage()))
              .toList();
      return new NodeReport(
          cache.host(), cache.dir(), e.getMessage(), 0, 0, 0, failed, Set.of(), 0, 0, 0, 0, "");
    }
    String how = how(cache, inventory);
    int sent = 0;
    int repaired = 0;
    int already = 0;
    List<Failure> failures = new ArrayList<>();
    Set<String> verified = new LinkedHashSet<>();
    Map<String, CacheCleanup.Entry> entries = new LinkedHashMap<>();
    inventory.entries().forEach(e -> entries.put(e.name(), e));
    long now = System.currentTimeMillis() / 1000;
    for (PublishPlan.Placement file : files) {
      String there = inventory.sums().get(file.cacheName());
      if (file.sha256().equals(there)) {
        already++;
        verified.add(file.cacheName());
        continue;
      }
      try {
        send(cache, file, how);
        sent++;
        if (there != null) {
          repaired++;
        }
        verified.add(file.cacheName());
        entries.put(
            file.cacheName(),
            new CacheCleanup.Entry(file.cacheName(), 'f', Files.size(file.source()), now));
      } catch (IOException e) {
        failures.add(new Failure(file.firstScreen(), file.source(), e.getMessage()));
      }
    }
    CacheCleanup.Choice cleanup =
        CacheCleanup.choose(
            List.copyOf(entries.values()), needed, playing.apply(cache.host()), keepBytes, now);
    List<String> removed = List.of();
    String finishFailed = null;
    try {
      removed = cache.finish(verified, cleanup.remove());
    } catch (NodeCache.Failed e) {
      finishFailed = e.getMessage();
    }
    long removedBytes =
        removed.stream().mapToLong(n -> entries.containsKey(n) ? entries.get(n).size() : 0).sum();
    if (finishFailed != null) {
      failures.add(new Failure("", cache.dir(), "cleaning the cache failed: " + finishFailed));
    }
    return new NodeReport(
        cache.host(),
        cache.dir(),
        null,
        sent,
        repaired,
        already,
        failures,
        verified,
        removed.size(),
        removedBytes,
        cleanup.keptBytes(),
        cleanup.neededBytes(),
        how);
  }

  private String how(NodeCache cache, NodeCache.Inventory inventory) {
    if (cache.local()) {
      return "local copy";
    }
    boolean rsync = rsyncShell.isPresent() && inventory.rsync();
    return switch (transport) {
      case SSH -> "ssh";
      case RSYNC -> "rsync";
      case AUTO -> rsync ? "rsync" : "ssh";
    };
  }

  private void send(NodeCache cache, PublishPlan.Placement file, String how) throws IOException {
    if (how.equals("rsync")) {
      if (rsyncShell.isEmpty()) {
        throw new IOException("rsync is not installed on this machine");
      }
      cache.rsync(file.source(), file.cacheName(), file.sha256(), rsyncShell.get());
    } else {
      cache.receive(file.source(), file.cacheName(), file.sha256());
    }
  }
}
