package dev.wall.core.layout;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The rules for a clip's path: inside {@code mediaRoot}, and a video file by its extension. */
public final class MediaPaths {
  /** Containers mpv, VLC and omxplayer play; lower case, without the dot. */
  public static final List<String> VIDEO_EXTENSIONS =
      List.of(
          "mp4", "m4v", "mkv", "mov", "webm", "avi", "ts", "m2ts", "mts", "mpg", "mpeg", "ogv",
          "wmv", "flv", "h264", "264", "h265", "hevc");

  private MediaPaths() {}

  /**
   * Checks one media value at {@code path}. {@code root} is the normalized mediaRoot, or empty when
   * mediaRoot itself is wrong (then only the file name is checked).
   */
  static void check(Findings findings, String path, String media, Optional<Path> root) {
    if (media.isBlank()) {
      findings.add(path, "is empty", "give the clip's file name, such as \"left.mp4\"");
      return;
    }
    if (media.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
      findings.add(path, "contains a control character", "retype the file name");
      return;
    }
    if (media.contains("\\")) {
      findings.add(
          path,
          "\"" + media + "\" uses '\\' between folders",
          "use '/' as on Linux, such as \"" + media.replace('\\', '/') + "\"");
      return;
    }
    if (media.endsWith("/")) {
      findings.add(path, "\"" + media + "\" names a folder", "name the clip file inside it");
      return;
    }
    Path clip;
    try {
      clip = Path.of(media);
    } catch (InvalidPathException e) {
      findings.add(path, "\"" + media + "\" is not a valid path", "retype the file name");
      return;
    }
    if (root.isPresent()) {
      checkInsideRoot(findings, path, media, clip, root.get());
    } else if (!clip.isAbsolute() && clip.normalize().startsWith("..")) {
      findings.add(
          path,
          "\"" + media + "\" leads out of mediaRoot through \"..\"",
          "put the clip inside mediaRoot and give its path relative to it");
    }
    checkExtension(findings, path, media, clip);
  }

  /** The absolute, normalized path of a clip. */
  public static Path resolve(Path root, String media) {
    return root.resolve(media).normalize();
  }

  private static void checkInsideRoot(
      Findings findings, String path, String media, Path clip, Path root) {
    Path resolved = resolve(root, media);
    if (resolved.equals(root)) {
      findings.add(path, "\"" + media + "\" is mediaRoot itself", "name a clip file inside it");
      return;
    }
    if (resolved.startsWith(root)) {
      return;
    }
    if (clip.isAbsolute()) {
      findings.add(
          path,
          "\"" + media + "\" is outside mediaRoot (" + root + ")",
          "move the clip into " + root + " and give its path relative to it");
    } else {
      findings.add(
          path,
          "\"" + media + "\" leads out of mediaRoot (" + root + ") through \"..\"",
          "put the clip inside " + root + " and give its path relative to it");
    }
  }

  private static void checkExtension(Findings findings, String path, String media, Path clip) {
    String name = clip.getFileName() == null ? "" : clip.getFileName().toString();
    int dot = name.lastIndexOf('.');
    if (dot <= 0 || dot == name.length() - 1) {
      findings.add(
          path,
          "\"" + media + "\" has no file extension",
          "give the full file name, such as \"" + name + ".mp4\"");
      return;
    }
    String extension = name.substring(dot + 1).toLowerCase(Locale.ROOT);
    if (!VIDEO_EXTENSIONS.contains(extension)) {
      findings.add(
          path,
          "\"" + media + "\" is not a known video type (." + extension + ")",
          "use a video file: ."
              + String.join(", .", VIDEO_EXTENSIONS.subList(0, 6))
              + " and others");
    }
  }
}
