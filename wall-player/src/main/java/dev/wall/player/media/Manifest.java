package dev.wall.player.media;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.wall.core.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code wall media prepare} made, in {@code manifest.json} beside the files: for each screen
 * and item, its source (as the layout named it, and its SHA-256 then), the layout's shape it was
 * made for, the settings, and the file with its own SHA-256. {@code wall play} trusts a prepared
 * file only when all of these still hold.
 *
 * @param version the manifest's format, {@value #VERSION}
 * @param layout the layout file it was made for
 * @param prepared when, as ISO-8601
 * @param files one entry per screen and item
 * @param boards each host's board the files were encoded for (its model, empty for a PC): what a
 *     reload prepares for again; empty in a manifest from before it was kept
 * @param screenSize the pixels taken for a screen without a {@code window}, {@code WxH}; null in a
 *     manifest from before it was kept
 * @param retired files no entry names any more that a running wall still played when they were
 *     replaced (a reload's preparation): the next preparation removes them
 */
public record Manifest(
    int version,
    String layout,
    String prepared,
    List<Entry> files,
    Map<String, String> boards,
    String screenSize,
    List<String> retired) {
  public static final int VERSION = 1;
  public static final String FILE_NAME = "manifest.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public Manifest {
    files = List.copyOf(files);
    boards =
        boards == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(boards));
    retired = retired == null ? List.of() : List.copyOf(retired);
  }

  public Manifest(int version, String layout, String prepared, List<Entry> files) {
    this(version, layout, prepared, files, Map.of(), null, List.of());
  }

  /**
   * One prepared file.
   *
   * @param file its name, in the manifest's folder
   * @param key SHA-256 of the source's SHA-256 and {@code settings}: the same key, the same file
   */
  public record Entry(
      String screen,
      int item,
      String source,
      String sourceSha256,
      String shape,
      String settings,
      String key,
      String file,
      String sha256,
      String codec,
      int width,
      int height,
      String frameRate,
      int frames,
      boolean audio) {}

  /** The entry for screen {@code screen}'s item {@code item}, if there is one. */
  public Optional<Entry> entry(String screen, int item) {
    return files.stream().filter(e -> e.screen().equals(screen) && e.item() == item).findFirst();
  }

  /** The manifest in {@code dir}, if there is one that can be read. */
  public static Optional<Manifest> read(Path dir) throws IOException {
    Path file = dir.resolve(FILE_NAME);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    Manifest manifest = JSON.readValue(file.toFile(), Manifest.class);
    if (manifest.version() != VERSION) {
      throw new IOException(
          file + " is of format " + manifest.version() + ", this wall reads " + VERSION);
    }
    return Optional.of(manifest);
  }

  /** Replaces the manifest in {@code dir}, atomically. */
  public void write(Path dir) throws IOException {
    new AtomicFile().write(dir.resolve(FILE_NAME), JSON.writeValueAsBytes(this));
  }
}
