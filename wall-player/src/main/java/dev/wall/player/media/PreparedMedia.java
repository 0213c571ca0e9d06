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

/**
 * What {@code wall play} makes of a layout's prepared clips: the layout with each screen playing
 * its prepared files when the manifest holds for the layout as it is now (every screen and item has
 * a file made for its shape, from the source as it is now, and still whole), else the layout as it
 * is, with the reason in one line.
 */
public final class PreparedMedia {
  /** Where {@code wall media prepare} puts a layout's files unless told: in mediaRoot. */
  public static final String FOLDER = "prepared";

  private PreparedMedia() {}

  /**
   * The layout to play, and the line that says what was chosen: null when nothing was prepared.
   *
   * @param used whether the prepared files are played
   * @param dir the folder of the prepared files
   */
  public record Choice(Layout layout, boolean used, String line, Path dir) {}

  /** {@code mediaRoot/prepared/NAME}, NAME the layout file's name without {@code .json}. */
  public static Path defaultDir(Path layoutFile, Layout layout) {
    String name = layoutFile.getFileName().toString();
    if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
      name = name.substring(0, name.length() - 5);
    }
    return Path.of(layout.mediaRoot()).resolve(FOLDER).resolve(name);
  }

  public static Choice choose(Layout layout, Path dir, String layoutName, Checksums checksums) {
    Optional<Manifest> read;
    try {
      read = Manifest.read(dir);
    } catch (IOException e) {
      return sources(
          layout,
          dir,
          "the manifest in "
              + dir
              + " cannot be read ("
              + e.getMessage()
              + "); run wall media prepare "
              + layoutName
              + " again");
    }
    if (read.isEmpty()) {
      return new Choice(layout, false, null, dir);
    }
    Manifest manifest = read.get();
    String again = "; run wall media prepare " + layoutName + " to prepare it again";
    Map<String, List<String>> media = new LinkedHashMap<>();
    Set<Path> sourcesChecked = new LinkedHashSet<>();
    int files = 0;
    for (int rank = 0; rank < layout.screens().size(); rank++) {
      Screen screen = layout.screen(rank);
      List<String> clips = new ArrayList<>();
      for (int item = 0; item < layout.items(); item++) {
        Optional<Manifest.Entry> found = manifest.entry(screen.name(), item);
        String shape = TilePlanner.shape(layout, rank, item);
        if (found.isEmpty() || !found.get().shape().equals(shape)) {
          return sources(
              layout,
              dir,
              "screen "
                  + screen.name()
                  + " has changed in the layout since its clips were prepared"
                  + again);
        }
        Manifest.Entry entry = found.get();
        Path source = layout.clips(screen).get(item);
        if (sourcesChecked.add(source)) {
          String now;
          try {
            now = checksums.sha256(source);
          } catch (IOException e) {
            return sources(
                layout, dir, entry.source() + " cannot be read (" + e.getMessage() + ")");
          }
          if (!now.equals(entry.sourceSha256())) {
            return sources(
                layout, dir, entry.source() + " has changed since it was prepared" + again);
          }
        }
        Path file = dir.resolve(entry.file()).toAbsolutePath().normalize();
        try {
          if (!MediaPreparer.isPlainName(entry.file())
              || !Files.isRegularFile(file)
              || !checksums.sha256(file).equals(entry.sha256())) {
            return sources(
                layout,
                dir,
                "the prepared file " + file + " is missing or not as it was made" + again);
          }
        } catch (IOException e) {
          return sources(layout, dir, "the prepared file " + file + " cannot be read" + again);
        }
        clips.add(file(dir, entry));
        files++;
      }
      media.put(screen.name(), clips);
    }
    checksums.save();
    return new Choice(
        layout.withScreenMedia(media),
        true,
        "wall: playing the clips prepared for each screen ("
            + files
            + " files in "
            + dir
            + ", prepared "
            + manifest.prepared()
            + ")",
        dir);
  }

  /**
   * {@code layout} with each screen on its files in {@code dir}, as the manifest names them, not
   * checked again: for a rank, whose controller checked them before the start.
   *
   * @throws IOException when the manifest cannot be read, or has no file for a screen's item
   */
  public static Layout assign(Layout layout, Path dir) throws IOException {
    Manifest manifest =
        Manifest.read(dir).orElseThrow(() -> new IOException("no manifest in " + dir));
    Map<String, List<String>> media = new LinkedHashMap<>();
    for (Screen screen : layout.screens()) {
      List<String> clips = new ArrayList<>();
      for (int item = 0; item < layout.items(); item++) {
        Manifest.Entry entry =
            manifest
                .entry(screen.name(), item)
                .filter(e -> MediaPreparer.isPlainName(e.file()))
                .orElseThrow(
                    () ->
                        new IOException(
                            "no prepared clip for screen " + screen.name() + " in " + dir));
        clips.add(file(dir, entry));
      }
      media.put(screen.name(), clips);
    }
    return layout.withScreenMedia(media);
  }

  private static String file(Path dir, Manifest.Entry entry) {
    return dir.resolve(entry.file()).toAbsolutePath().normalize().toString();
  }

  private static Choice sources(Layout layout, Path dir, String why) {
    return new Choice(
        layout, false, "wall: playing the sources, not the prepared clips: " + why, dir);
  }
}
