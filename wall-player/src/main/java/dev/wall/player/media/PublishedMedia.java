package dev.wall.player.media;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.Screen;
import dev.wall.player.nodes.Checksums;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code wall play} makes of a layout's publish record ({@code wall publish}): the layout with
 * each screen playing its node's cached copies, when the record holds for the layout as it is to be
 * played (every screen published to its node, every node's files verified there, every clip as it
 * is now the one published); else the layout as it is, playing from the share, with the reason in
 * one line.
 *
 * <p>A clip is compared by its SHA-256, read through {@link Checksums}: cached by path, size and
 * modification time, so an unchanged share costs a stat per clip, and a prepared clip, just checked
 * against its manifest, is not read again.
 */
public final class PublishedMedia {
  private PublishedMedia() {}

  /**
   * The layout to play, and the line that says what was chosen: null when nothing was published.
   *
   * @param used whether the nodes' caches are played
   * @param file the publish record
   * @param record the record, when used
   */
  public record Choice(Layout layout, boolean used, String line, Path file, PublishRecord record) {}

  /**
   * @param layout the layout as it would play from the share: its prepared clips where they are
   *     used, this run's media root
   * @param file its publish record ({@link PublishRecord#defaultFile})
   * @param layoutName the layout file, as the technician named it, for the advice
   */
  public static Choice choose(Layout layout, Path file, String layoutName, Checksums checksums) {
    String again = "; run wall publish " + layoutName + " again";
    Optional<PublishRecord> read;
    try {
      read = PublishRecord.read(file);
    } catch (IOException | RuntimeException e) {
      return share(
          layout,
          file,
          "its publish record " + file + " cannot be read (" + e.getMessage() + ")" + again);
    }
    if (read.isEmpty()) {
      return new Choice(layout, false, null, file, null);
    }
    PublishRecord record = read.get();
    Map<String, PublishRecord.Node> nodeOf = nodesByScreen(record);
    Map<Path, String> digests = new LinkedHashMap<>();
    Set<String> files = new LinkedHashSet<>();
    Set<String> caches = new LinkedHashSet<>();
    try {
      for (Screen screen : layout.screens()) {
        PublishRecord.Node node = nodeOf.get(screen.name());
        if (node == null) {
          return share(layout, file, "screen " + screen.name() + " was not published" + again);
        }
        if (!node.host().equals(screen.host())) {
          return share(
              layout,
              file,
              "screen "
                  + screen.name()
                  + " is on "
                  + screen.host()
                  + " now, and was published to "
                  + node.host()
                  + again);
        }
        if (!node.verified()) {
          return share(
              layout,
              file,
              "not every clip of "
                  + node.host()
                  + " was verified there when it was published"
                  + again);
        }
        List<String> names = node.clips().get(screen.name());
        List<Path> clips = layout.clips(screen);
        if (names == null || names.size() != clips.size()) {
          return share(
              layout,
              file,
              "screen " + screen.name() + "'s playlist has changed since it was published" + again);
        }
        Path cache;
        try {
          cache = cacheDir(node);
        } catch (IOException e) {
          return share(layout, file, e.getMessage() + again);
        }
        for (int item = 0; item < clips.size(); item++) {
          Path clip = clips.get(item);
          String name = names.get(item);
          if (!PublishPlan.CACHE_NAME.matcher(name).matches()) {
            return share(layout, file, file + " names " + name + ", not a cached clip" + again);
          }
          String sha = digests.get(clip);
          if (sha == null) {
            try {
              sha = checksums.sha256(clip);
            } catch (IOException e) {
              return share(
                  layout,
                  file,
                  clip + " (screen " + screen.name() + ") cannot be read to compare it: " + e);
            }
            digests.put(clip, sha);
          }
          if (!PublishPlan.cacheName(sha, clip).equals(name)) {
            return share(
                layout,
                file,
                clip
                    + " (screen "
                    + screen.name()
                    + ") is not the file that was published: it has changed since"
                    + again);
          }
          files.add(node.host() + " " + name);
        }
        caches.add(cache.toString());
      }
    } finally {
      checksums.save();
    }
    Layout cached;
    try {
      cached = assign(layout, record);
    } catch (IOException e) {
      return share(layout, file, e.getMessage() + again);
    }
    long nodes = files.stream().map(f -> f.substring(0, f.indexOf(' '))).distinct().count();
    return new Choice(
        cached,
        true,
        "wall: playing from each node's cache (published "
            + record.published()
            + ": "
            + files.size()
            + (files.size() == 1 ? " file" : " files")
            + " on "
            + nodes
            + (nodes == 1 ? " node" : " nodes")
            + ", in "
            + String.join(", ", caches)
            + "); the share is not read while it plays",
        file,
        record);
  }

  /**
   * {@code layout} with each screen on its node's cached copies, as {@code record} names them, not
   * checked again: for a rank, whose controller checked them before the start.
   *
   * @throws IOException when the record has no clips for a screen, or the span's screens would play
   *     it from different folders
   */
  public static Layout assign(Layout layout, PublishRecord record) throws IOException {
    Map<String, PublishRecord.Node> nodeOf = nodesByScreen(record);
    Map<String, List<String>> media = new LinkedHashMap<>();
    List<String> span = null;
    for (Screen screen : layout.screens()) {
      PublishRecord.Node node = nodeOf.get(screen.name());
      List<String> names = node == null ? null : node.clips().get(screen.name());
      if (names == null || names.size() != layout.playlist(screen).size()) {
        throw new IOException("no published clips for screen " + screen.name());
      }
      Path cache = cacheDir(node);
      List<String> paths = new ArrayList<>();
      for (String name : names) {
        if (!PublishPlan.CACHE_NAME.matcher(name).matches()) {
          throw new IOException("the publish record names " + name + ", not a cached clip");
        }
        paths.add(cache.resolve(name).toString());
      }
      if (!screen.showsSpan()) {
        media.put(screen.name(), paths);
      } else if (span == null) {
        span = paths;
      } else if (!span.equals(paths)) {
        // A span is one playlist for all of its screens: its copies must be at one path.
        throw new IOException(
            "the span's screens keep their cached copies in different folders ("
                + span.get(0)
                + ", "
                + paths.get(0)
                + ")");
      }
    }
    Layout cached = layout.withScreenMedia(media);
    return span == null ? cached : cached.withSpanMedia(span);
  }

  /** Each screen's node, by the screen's name. */
  private static Map<String, PublishRecord.Node> nodesByScreen(PublishRecord record) {
    Map<String, PublishRecord.Node> nodeOf = new LinkedHashMap<>();
    for (PublishRecord.Node node : record.nodes()) {
      if (node.clips() != null) {
        node.clips().keySet().forEach(screen -> nodeOf.put(screen, node));
      }
    }
    return nodeOf;
  }

  private static Path cacheDir(PublishRecord.Node node) throws IOException {
    Path cache;
    try {
      cache = node.cache() == null ? null : Path.of(node.cache());
    } catch (java.nio.file.InvalidPathException e) {
      cache = null;
    }
    if (cache == null || !cache.isAbsolute() || !cache.normalize().equals(cache)) {
      throw new IOException(
          node.host() + "'s cache folder " + node.cache() + " is not an absolute path");
    }
    return cache;
  }

  private static Choice share(Layout layout, Path file, String why) {
    return new Choice(
        layout, false, "wall: playing from the share, not the nodes' caches: " + why, file, null);
  }
}
