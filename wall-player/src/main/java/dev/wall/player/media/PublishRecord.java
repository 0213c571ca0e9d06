package dev.wall.player.media;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.wall.core.io.AtomicFile;
import dev.wall.core.layout.Layout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code wall publish} last put on the nodes for a layout, in {@code
 * mediaRoot/published/NAME.json}: for each node, its cache folder, whether every file of it was
 * verified there, and each of its screens' clips by cache name ({@code <sha256>.<ext>}).
 *
 * @param layout the layout file
 * @param published when, as ISO-8601
 * @param from what was published: the prepared folder, or "sources"
 * @param keepBytes the limit each node's cache was kept under ({@code --keep}), which a reload's
 *     publish keeps to; null in a record written before it was recorded
 */
@com.fasterxml.jackson.annotation.JsonInclude(
    com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record PublishRecord(
    int version, String layout, String published, String from, List<Node> nodes, Long keepBytes) {
  public static final int VERSION = 1;
  public static final String FOLDER = "published";

  /** {@code wall publish}'s default limit of a node's cache. */
  public static final long DEFAULT_KEEP_BYTES = 20L << 30;

  // A newer wall may record more: what this one reads of it still holds.
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(
              com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public PublishRecord {
    nodes = List.copyOf(nodes);
  }

  public PublishRecord(
      int version, String layout, String published, String from, List<Node> nodes) {
    this(version, layout, published, from, nodes, null);
  }

  /**
   * The record of {@code plan} put on the nodes as {@code reports} say: each node's screens of
   * {@code layout} with their cache names, and whether every file of it was verified there.
   */
  public static PublishRecord of(
      String layoutFile,
      Layout layout,
      PublishPlan.Plan plan,
      Map<String, Publisher.NodeReport> reports,
      String from,
      long keepBytes) {
    List<Node> nodes = new java.util.ArrayList<>();
    reports.forEach(
        (host, report) -> {
          Map<String, List<String>> clips = new java.util.LinkedHashMap<>();
          for (dev.wall.core.layout.Screen screen : layout.screens()) {
            if (screen.host().equals(host)) {
              clips.put(screen.name(), plan.clips().get(screen.name()));
            }
          }
          nodes.add(new Node(host, report.cache().toString(), report.allVerified(), clips));
        });
    return new PublishRecord(
        VERSION, layoutFile, java.time.Instant.now().toString(), from, nodes, keepBytes);
  }

  /** Per host, every cache name its screens play by this record. */
  public Map<String, java.util.Set<String>> namesByHost() {
    Map<String, java.util.Set<String>> names = new java.util.LinkedHashMap<>();
    for (Node node : nodes) {
      java.util.Set<String> files =
          names.computeIfAbsent(node.host(), h -> new java.util.LinkedHashSet<>());
      if (node.clips() != null) {
        node.clips().values().forEach(files::addAll);
      }
    }
    return names;
  }

  /** The limit of each node's cache: the one recorded, else {@code wall publish}'s default. */
  public long keep() {
    return keepBytes == null || keepBytes < 1 ? DEFAULT_KEEP_BYTES : keepBytes;
  }

  /**
   * One node.
   *
   * @param clips per screen of the node, the cache name of each item
   */
  public record Node(
      String host, String cache, boolean verified, Map<String, List<String>> clips) {}

  /** {@code mediaRoot/published/NAME.json}, NAME the layout file's name without {@code .json}. */
  public static Path defaultFile(Path layoutFile, Layout layout) {
    Path prepared = PreparedMedia.defaultDir(layoutFile, layout);
    return prepared.getParent().resolveSibling(FOLDER).resolve(prepared.getFileName() + ".json");
  }

  public static Optional<PublishRecord> read(Path file) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    PublishRecord record = JSON.readValue(file.toFile(), PublishRecord.class);
    if (record.version() != VERSION) {
      throw new IOException(
          file + " is of format " + record.version() + ", this wall reads " + VERSION);
    }
    return Optional.of(record);
  }

  public void write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    new AtomicFile().write(file, JSON.writeValueAsBytes(this));
  }
}
