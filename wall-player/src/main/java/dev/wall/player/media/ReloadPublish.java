package dev.wall.player.media;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.Screen;
import dev.wall.player.nodes.Checksums;
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
import java.util.function.BiFunction;

/**
 * A reload of a wall that plays from the nodes' caches: the changed layout's clips put on the nodes
 * as {@code wall publish} puts them (what a node holds whole is not sent again), into the cache
 * folders the running wall's publish record names, under its size limit, and never removing a file
 * the running wall plays. The record is then written again for the new layout; the reload switches
 * only when every node holds its files, verified.
 */
public final class ReloadPublish {
  private final BiFunction<String, Path, NodeCache> caches;
  private final Optional<String> rsyncShell;
  private final Checksums checksums;

  /**
   * What happened.
   *
   * @param sent files sent (the rest were there whole)
   * @param failures one line for each file or node that failed: the screen, the host, why
   */
  public record Outcome(int files, int sent, int nodes, List<String> failures) {
    public Outcome {
      failures = List.copyOf(failures);
    }

    public boolean ok() {
      return failures.isEmpty();
    }
  }

  /**
   * @param caches the cache on a host, in a folder
   * @param rsyncShell rsync's {@code -e} where this machine has rsync, else empty
   */
  public ReloadPublish(
      BiFunction<String, Path, NodeCache> caches,
      Optional<String> rsyncShell,
      Checksums checksums) {
    this.caches = caches;
    this.rsyncShell = rsyncShell;
    this.checksums = checksums;
  }

  /**
   * Publishes {@code next} while {@code playing} plays.
   *
   * @param playing the running wall's layout, on the nodes' cached copies
   * @param next the changed layout as it would play from the share (its prepared clips put in)
   * @param recordFile the publish record, read for each node's cache folder and limit, and written
   *     again for {@code next}
   * @param from what is published: the prepared folder, or "sources"
   * @throws IOException when a clip of {@code next} cannot be read here, or the record not read
   */
  public Outcome publish(
      Layout playing, Layout next, Path recordFile, String layoutName, String from)
      throws IOException {
    PublishRecord record =
        PublishRecord.read(recordFile)
            .orElseThrow(() -> new IOException("its publish record " + recordFile + " is gone"));
    Map<String, Path> folders = new LinkedHashMap<>();
    for (PublishRecord.Node node : record.nodes()) {
      folders.put(node.host(), Path.of(node.cache()));
    }
    PublishPlan.Plan plan;
    try {
      plan = PublishPlan.plan(next, clip -> readable(clip, next));
    } finally {
      checksums.save();
    }
    List<String> failures = new ArrayList<>();
    for (String host : plan.files().keySet()) {
      if (!folders.containsKey(host)) {
        failures.add(
            host
                + " has no cache in "
                + recordFile
                + "; run wall publish "
                + layoutName
                + " again");
      }
    }
    if (!failures.isEmpty()) {
      return new Outcome(0, 0, plan.files().size(), failures);
    }
    Map<String, Set<String>> inUse = namesPlayed(playing);
    Map<String, Publisher.NodeReport> reports =
        new Publisher(
                host -> caches.apply(host, folders.get(host)),
                Publisher.Transport.AUTO,
                rsyncShell,
                record.keep(),
                host -> inUse.getOrDefault(host, Set.of()))
            .publish(plan);
    int files = 0;
    int sent = 0;
    for (Publisher.NodeReport report : reports.values()) {
      files += report.sent() + report.alreadyThere() + report.failures().size();
      sent += report.sent();
      for (Publisher.Failure failure : report.failures()) {
        String where =
            (failure.screen().isEmpty() ? "" : "screen " + failure.screen() + " on ")
                + report.host();
        failures.add(
            where
                + ": "
                + (report.unreached() != null
                    ? report.unreached()
                    : failure.source().equals(report.cache())
                        ? failure.what()
                        : failure.source()
                            + " was not put in its cache "
                            + report.cache()
                            + ": "
                            + failure.what()));
      }
    }
    PublishRecord.of(layoutName, next, plan, reports, from, record.keep()).write(recordFile);
    return new Outcome(files, sent, reports.size(), distinct(failures));
  }

  /** Per host, the cache names the running wall's screens there play. */
  static Map<String, Set<String>> namesPlayed(Layout playing) {
    Map<String, Set<String>> names = new LinkedHashMap<>();
    for (Screen screen : playing.screens()) {
      Set<String> host = names.computeIfAbsent(screen.host(), h -> new LinkedHashSet<>());
      for (Path clip : playing.clips(screen)) {
        String name = clip.getFileName().toString();
        if (PublishPlan.CACHE_NAME.matcher(name).matches()) {
          host.add(name);
        }
      }
    }
    return names;
  }

  private String readable(Path clip, Layout next) throws IOException {
    if (!Files.isRegularFile(clip) || !Files.isReadable(clip)) {
      String screens =
          String.join(
              ", ",
              next.screens().stream()
                  .filter(s -> next.clips(s).contains(clip))
                  .map(Screen::name)
                  .toList());
      throw new IOException(
          clip
              + (screens.isEmpty() ? "" : " (screen " + screens + ")")
              + " is missing or unreadable on this machine, so it cannot be published; put it on"
              + " the share");
    }
    return checksums.sha256(clip);
  }

  private static List<String> distinct(List<String> lines) {
    return List.copyOf(new LinkedHashSet<>(lines));
  }
}
