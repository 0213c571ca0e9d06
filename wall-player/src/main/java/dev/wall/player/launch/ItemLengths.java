package dev.wall.player.launch;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.Problem;
import dev.wall.core.layout.Screen;
import dev.wall.core.layout.UnevenItems;
import dev.wall.player.players.MediaInfo;
import dev.wall.player.players.MediaProbe;
import dev.wall.player.players.PlayerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * At {@code wall play}: item k of a playlist is as long on every screen, within a frame. Screens
 * change items together, so an item that is shorter on one screen would end its next item early,
 * and the next, and the wall would come apart item by item. Unless the layout says {@code
 * "unevenItems": "hold"}, a mismatch is refused before anything starts: one line per item, naming
 * the screens and their lengths. The clips are read with ffprobe on the controller, which holds the
 * media (it serves the share).
 */
public final class ItemLengths {
  /** Two probes at a time: the controller has about two cores to give. */
  private static final int PROBES_AT_ONCE = 2;

  private static final double DEFAULT_FPS = 30;

  /** What ffprobe said of one clip, or why it could not say. */
  public record Clip(MediaInfo info, String problem) {}

  private ItemLengths() {}

  /**
   * The problems, probing every playlist clip under the layout's mediaRoot; none when there is
   * nothing to check.
   */
  public static List<Problem> check(String file, Layout layout, Path probeDir) throws IOException {
    if (!layout.hasPlaylist() || layout.unevenItems() == UnevenItems.HOLD) {
      return List.of();
    }
    Files.createDirectories(probeDir);
    return check(file, layout, probeAll(layout, probeDir));
  }

  /** The problems, given what each clip is (by its absolute path). Pure. */
  static List<Problem> check(String file, Layout layout, Map<Path, Clip> clips) {
    List<Problem> problems = new ArrayList<>();
    for (int item = 0; item < layout.items(); item++) {
      Map<String, Double> lengths = new java.util.LinkedHashMap<>();
      Map<String, String> paths = new HashMap<>();
      double fps = 0;
      boolean readable = true;
      for (int rank = 0; rank < layout.screens().size(); rank++) {
        Screen screen = layout.screen(rank);
        String path = mediaPath(layout, rank, item);
        Clip clip = clips.get(layout.clips(screen).get(item));
        if (clip == null || clip.problem() != null) {
          if (!problemAlreadyAt(problems, path)) {
            problems.add(
                new Problem(
                    file,
                    path,
                    "cannot check item "
                        + (item + 1)
                        + "'s length here: "
                        + (clip == null ? "it was not read" : clip.problem()),
                    "mount the media share on this machine (or pass --media-root), or set \"unevenItems\": \"hold\""));
          }
          readable = false;
          continue;
        }
        lengths.put(screen.name(), clip.info().duration());
        paths.put(screen.name(), path);
        fps = Math.max(fps, clip.info().frameRateOr(DEFAULT_FPS));
      }
      if (readable) {
        uneven(file, item, lengths, paths, 1 / fps).ifPresent(problems::add);
      }
    }
    return problems;
  }

  private static boolean problemAlreadyAt(List<Problem> problems, String path) {
    return problems.stream().anyMatch(p -> p.jsonPath().equals(path));
  }

  /**
   * One line for an item whose lengths differ by more than {@code frame}: shortest groups first.
   */
  private static java.util.Optional<Problem> uneven(
      String file, int item, Map<String, Double> lengths, Map<String, String> paths, double frame) {
    double longest = lengths.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    double shortest = lengths.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
    if (longest - shortest <= frame + 1e-6) {
      return java.util.Optional.empty();
    }
    TreeMap<String, List<String>> byLength = new TreeMap<>();
    lengths.forEach(
        (screen, length) ->
            byLength
                .computeIfAbsent(
                    String.format(Locale.ROOT, "%.3f s", length), k -> new ArrayList<>())
                .add(screen));
    List<String> groups = new ArrayList<>();
    byLength.entrySet().stream()
        .sorted(java.util.Comparator.comparingDouble(e -> lengths.get(e.getValue().get(0))))
        .forEach(e -> groups.add(e.getKey() + " on " + String.join(", ", e.getValue())));
    String shortScreen =
        lengths.entrySet().stream()
            .filter(e -> e.getValue() == shortest)
            .findFirst()
            .get()
            .getKey();
    String last = groups.remove(groups.size() - 1);
    return java.util.Optional.of(
        new Problem(
            file,
            paths.get(shortScreen),
            "item "
                + (item + 1)
                + " lasts "
                + String.join(", ", groups)
                + ", but "
                + last
                + String.format(Locale.ROOT, ": more than a frame (%.0f ms) apart", frame * 1000),
            "make item "
                + (item + 1)
                + " equally long on every screen, or set \"unevenItems\": \"hold\" to hold"
                + " the shorter clips' last frame"));
  }

  /** Where the layout names a screen's item: its own playlist, or the span's. */
  static String mediaPath(Layout layout, int rank, int item) {
    Screen screen = layout.screen(rank);
    return (screen.showsSpan() ? "span.media" : "screens[" + rank + "].media") + "[" + item + "]";
  }

  private static Map<Path, Clip> probeAll(Layout layout, Path probeDir) throws IOException {
    List<Path> all =
        layout.screens().stream().flatMap(s -> layout.clips(s).stream()).distinct().toList();
    ExecutorService probes =
        Executors.newFixedThreadPool(
            PROBES_AT_ONCE,
            runnable -> {
              Thread thread = new Thread(runnable, "ffprobe");
              thread.setDaemon(true);
              return thread;
            });
    try {
      Map<Path, Future<Clip>> pending = new HashMap<>();
      for (int i = 0; i < all.size(); i++) {
        Path clip = all.get(i);
        Path out = probeDir.resolve(i + ".ffprobe.json");
        pending.put(clip, probes.submit(() -> probe(clip, out)));
      }
      Map<Path, Clip> clips = new HashMap<>();
      for (Map.Entry<Path, Future<Clip>> entry : pending.entrySet()) {
        clips.put(entry.getKey(), entry.getValue().get());
      }
      return clips;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading the clips' lengths", e);
    } catch (ExecutionException e) {
      throw new IOException("could not read the clips' lengths: " + e.getCause(), e.getCause());
    } finally {
      probes.shutdownNow();
    }
  }

  private static Clip probe(Path clip, Path out) {
    if (!Files.isRegularFile(clip)) {
      return new Clip(null, clip + " does not exist on this machine");
    }
    try {
      return new Clip(MediaProbe.probe(clip, out), null);
    } catch (PlayerException e) {
      return new Clip(null, e.getMessage());
    }
  }
}
