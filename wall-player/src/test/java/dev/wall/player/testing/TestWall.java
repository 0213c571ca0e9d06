package dev.wall.player.testing;

import dev.wall.core.layout.Rect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes a layout of local mpv windows for the end-to-end tests, with a clip made for each. */
public final class TestWall {
  private TestWall() {}

  /**
   * One screen per entry, named after it, playing its own bar-coded clip of {@code seconds}. Under
   * Xvfb the players use mpv's plain X11 output: its GPU output would fall back to software GL, or
   * to SDL, which stalls for seconds without a desktop session.
   */
  public static Path write(Path dir, Integer loops, double seconds, Map<String, Rect> windows)
      throws IOException, InterruptedException {
    return write(dir, loops, seconds, windows, Map.of());
  }

  /** The same, with each screen on the host {@code hosts} names for it (localhost if none). */
  public static Path write(
      Path dir, Integer loops, double seconds, Map<String, Rect> windows, Map<String, String> hosts)
      throws IOException, InterruptedException {
    int hue = 0;
    for (Map.Entry<String, Rect> screen : windows.entrySet()) {
      Rect w = screen.getValue();
      ClipCache.into(dir, screen.getKey(), w.width(), w.height(), seconds, hue += 70);
    }
    String screens =
        windows.entrySet().stream()
            .map(
                e ->
                    String.format(
                        "{\"name\": \"%s\", \"host\": \"%s\", \"window\": {\"x\": %d, \"y\": %d, \"width\": %d, \"height\": %d},"
                            + " \"media\": \"%s.mp4\"}",
                        e.getKey(),
                        hosts.getOrDefault(e.getKey(), "localhost"),
                        e.getValue().x(),
                        e.getValue().y(),
                        e.getValue().width(),
                        e.getValue().height(),
                        e.getKey()))
            .collect(Collectors.joining(",\n"));
    Path layout = dir.resolve("wall.json");
    Files.writeString(
        layout,
        "{\"version\": 1, "
            + (loops == null ? "" : "\"loops\": " + loops + ", ")
            + "\"player\": \"mpv\", \"mediaRoot\": \""
            + dir
            + "\",\n\"screens\": ["
            + screens
            + "]}");
    return layout;
  }
}
