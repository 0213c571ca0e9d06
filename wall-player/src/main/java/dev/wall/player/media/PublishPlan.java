package dev.wall.player.media;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.Screen;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which file goes to which node for {@code wall publish}: each screen's clips (the layout as it is
 * to be played, prepared clips already put in) on the node of that screen, each stored in the
 * node's cache under its content's SHA-256 and an extension from a short list. A clip two screens
 * of one node share goes there once.
 *
 * <p>Names in the cache are only hex digits, a dot and a known extension, so nothing of the
 * layout's own text (a file name) ever reaches a node's shell or its file system.
 */
public final class PublishPlan {
  /** Extensions kept as they are; any other clip is stored as {@code .media}. */
  static final Set<String> EXTENSIONS =
      Set.of("mp4", "m4v", "mkv", "mov", "webm", "ts", "avi", "mpg", "mpeg", "h264", "hevc", "png");

  static final String OTHER_EXTENSION = "media";

  /** A content-addressed file's name in the cache. */
  public static final Pattern CACHE_NAME = Pattern.compile("[0-9a-f]{64}\\.[a-z0-9]{1,5}");

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private PublishPlan() {}

  /** A file's SHA-256 in lower-case hex. */
  @FunctionalInterface
  public interface Digests {
    String sha256(Path file) throws IOException;
  }

  /**
   * One file for one node.
   *
   * @param source the file on this machine (the share)
   * @param cacheName its name in the node's cache: {@code <sha256>.<ext>}
   * @param screens the screens of the node that play it, as {@code screen#item}
   */
  public record Placement(Path source, String sha256, String cacheName, List<String> screens) {
    public Placement {
      screens = List.copyOf(screens);
    }

    public String firstScreen() {
      return screens.get(0).substring(0, screens.get(0).lastIndexOf('#'));
    }
  }

  /**
   * What each node holds once published.
   *
   * @param files per host, its files in the order its screens first play them
   * @param clips per screen, the cache name of each of its items
   */
  public record Plan(Map<String, List<Placement>> files, Map<String, List<String>> clips) {
    public Plan {
      files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
      clips = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(clips));
    }

    /** The cache names host {@code host} must hold. */
    public Set<String> needed(String host) {
      Set<String> names = new java.util.LinkedHashSet<>();
      files.getOrDefault(host, List.of()).forEach(p -> names.add(p.cacheName()));
      return names;
    }
  }

  /**
   * The plan for {@code layout}, each screen's clips as {@link Layout#clips} names them.
   *
   * @throws IOException when a clip cannot be read to take its digest
   */
  public static Plan plan(Layout layout, Digests digests) throws IOException {
    Map<String, Map<String, Placement>> byHost = new LinkedHashMap<>();
    Map<String, List<String>> clips = new LinkedHashMap<>();
    Map<Path, String> known = new LinkedHashMap<>();
    for (Screen screen : layout.screens()) {
      List<Path> sources = layout.clips(screen);
      List<String> names = new ArrayList<>();
      for (int item = 0; item < sources.size(); item++) {
        Path source = sources.get(item);
        String sha = known.get(source);
        if (sha == null) {
          sha = digests.sha256(source);
          if (!SHA256.matcher(sha).matches()) {
            throw new IOException("not a SHA-256 in hex for " + source + ": " + sha);
          }
          known.put(source, sha);
        }
        String name = cacheName(sha, source);
        names.add(name);
        Map<String, Placement> host =
            byHost.computeIfAbsent(screen.host(), h -> new LinkedHashMap<>());
        Placement before = host.get(name);
        List<String> screens = new ArrayList<>(before == null ? List.of() : before.screens());
        screens.add(screen.name() + "#" + item);
        host.put(
            name, new Placement(before == null ? source : before.source(), sha, name, screens));
      }
      clips.put(screen.name(), names);
    }
    Map<String, List<Placement>> files = new LinkedHashMap<>();
    byHost.forEach((host, placements) -> files.put(host, List.copyOf(placements.values())));
    return new Plan(files, clips);
  }

  /** {@code <sha256>.<ext>}: the extension of {@code source} when it is a known one. */
  public static String cacheName(String sha256, Path source) {
    String file = source.getFileName().toString();
    int dot = file.lastIndexOf('.');
    String ext = dot < 0 ? "" : file.substring(dot + 1).toLowerCase(Locale.ROOT);
    return sha256 + "." + (EXTENSIONS.contains(ext) ? ext : OTHER_EXTENSION);
  }
}
