package dev.wall.player.nodes;

import dev.wall.core.io.AtomicFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SHA-256 of clips, cached by path, size and modification time in the user's cache, so that a
 * second {@code wall doctor} over 10 GB of media reads nothing but the file sizes and times.
 */
public final class Checksums {
  /** The cache is bounded: past this many clips, the oldest entries go. */
  static final int KEPT = 20_000;

  private final Path file;
  private final Map<String, String> cache = new LinkedHashMap<>();
  private boolean changed;

  Checksums(Path file) {
    this.file = file;
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int tab = line.lastIndexOf('\t');
        if (tab > 0) {
          cache.put(line.substring(0, tab), line.substring(tab + 1));
        }
      }
    } catch (IOException e) {
      // No cache yet.
    }
  }

  /** A cache in {@code file} (a test's own). */
  public static Checksums at(Path file) {
    return new Checksums(file);
  }

  /** The cache in {@code $XDG_CACHE_HOME/wall} or {@code ~/.cache/wall}. */
  public static Checksums forThisUser() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path cache =
        xdg != null && !xdg.isEmpty()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return new Checksums(cache.resolve("wall").resolve("checksums.tsv"));
  }

  /** The file's SHA-256 in hex: from the cache when its path, size and time are the cached ones. */
  public String sha256(Path clip) throws IOException {
    Path real = clip.toAbsolutePath().normalize();
    String key = real + "\t" + Files.size(real) + "\t" + Files.getLastModifiedTime(real).toMillis();
    String known = cache.get(key);
    if (known != null) {
      return known;
    }
    String sha = digest(real);
    cache.entrySet().removeIf(e -> e.getKey().startsWith(real + "\t"));
    cache.put(key, sha);
    changed = true;
    return sha;
  }

  /** Writes the cache back, when something was added. */
  public void save() {
    if (!changed) {
      return;
    }
    cache.keySet().removeIf(key -> !Files.exists(Path.of(key.substring(0, key.indexOf('\t')))));
    List<String> keys = List.copyOf(cache.keySet());
    keys.subList(0, Math.max(0, keys.size() - KEPT)).forEach(cache::remove);
    StringBuilder text = new StringBuilder();
    cache.forEach((key, sha) -> text.append(key).append('\t').append(sha).append('\n'));
    try {
      Files.createDirectories(file.getParent());
      new AtomicFile().write(file, text.toString().getBytes(StandardCharsets.UTF_8));
      changed = false;
    } catch (IOException e) {
      // The next run computes them again.
    }
  }

  static String digest(Path file) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        sha.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  List<String> keys() {
    return List.copyOf(cache.keySet());
  }
}
