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
 */
public record PublishRecord(
    int version, String layout, String published, String from, List<Node> nodes) {
  public static final int VERSION = 1;
  public static final String FOLDER = "published";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public PublishRecord {
    nodes = List.copyOf(nodes);
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
