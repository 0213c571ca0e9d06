package dev.wall.core.layout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** {@code --check-media}: every clip the layout plays is a readable file on this machine. */
final class MediaCheck {
  /** The empty mount point of the NFS share holds this file, so a missing mount shows at once. */
  static final String NOT_MOUNTED_SENTINEL = "NFS_NOT_MOUNTED";

  private MediaCheck() {}

  static List<Problem> check(String file, Layout layout, Path mediaRoot) {
    List<Problem> problems = new ArrayList<>();
    Path root = mediaRoot.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      problems.add(
          new Problem(
              file,
              "mediaRoot",
              root + " is not a folder on this machine",
              "mount the media share there, or fix mediaRoot"));
      return problems;
    }
    if (Files.exists(root.resolve(NOT_MOUNTED_SENTINEL))) {
      problems.add(
          new Problem(
              file,
              "mediaRoot",
              "the media share is not mounted at "
                  + root
                  + " (it holds "
                  + NOT_MOUNTED_SENTINEL
                  + ")",
              "mount it: sudo mount " + root));
      return problems;
    }
    clips(layout.withMediaRoot(root.toString()))
        .forEach((path, clip) -> checkClip(file, path, clip).ifPresent(problems::add));
    return problems;
  }

  /** Each clip the layout plays ({@link Layout#clips}), by the JSON path that names it. */
  private static Map<String, Path> clips(Layout layout) {
    Map<String, Path> clips = new LinkedHashMap<>();
    for (int i = 0; i < layout.screens().size(); i++) {
      Screen screen = layout.screens().get(i);
      String path = screen.showsSpan() ? "span.media" : "screens[" + i + "].media";
      List<Path> playlist = layout.clips(screen);
      for (int item = 0; item < playlist.size(); item++) {
        clips.putIfAbsent(
            playlist.size() == 1 ? path : path + "[" + item + "]", playlist.get(item));
      }
    }
    return clips;
  }

  private static Optional<Problem> checkClip(String file, String path, Path clip) {
    if (Files.isRegularFile(clip) && Files.isReadable(clip)) {
      return Optional.empty();
    }
    if (Files.isDirectory(clip)) {
      return Optional.of(new Problem(file, path, clip + " is a folder", "name a clip file"));
    }
    if (Files.exists(clip)) {
      return Optional.of(
          new Problem(file, path, clip + " cannot be read", "make it readable (chmod a+r)"));
    }
    String fix =
        closeName(clip)
            .map(name -> "did you mean \"" + name + "\"?")
            .orElse("copy the clip there, or fix the name");
    return Optional.of(new Problem(file, path, clip + " does not exist", fix));
  }

  private static Optional<String> closeName(Path clip) {
    Path folder = clip.getParent();
    if (folder == null || !Files.isDirectory(folder)) {
      return Optional.empty();
    }
    try (Stream<Path> siblings = Files.list(folder)) {
      List<String> names = siblings.map(p -> p.getFileName().toString()).toList();
      return Suggestions.closest(clip.getFileName().toString(), names);
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
