package dev.wall.bench.wall;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wall.core.layout.Rect;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A wall of equal windows in a grid on one display, two rows: screens s1..sN, each playing its own
 * clip at the clip's own size, so one window pixel is one clip pixel.
 *
 * @param names screen names, in rank order
 * @param windows each screen's window, in rank order
 * @param width the display width the grid needs
 * @param height the display height the grid needs
 */
public record BenchLayout(List<String> names, List<Rect> windows, int width, int height) {
  /** The player argument every bench screen gets; the seed's method passes the same. */
  public static final String X11_OUTPUT = "--vo=x11";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public static BenchLayout grid(int screens) {
    int rows = screens <= 2 ? 1 : screens == 9 ? 3 : 2;
    int columns = (screens + rows - 1) / rows;
    List<String> names = new ArrayList<>();
    List<Rect> windows = new ArrayList<>();
    for (int i = 0; i < screens; i++) {
      names.add("s" + (i + 1));
      windows.add(
          new Rect(
              i % columns * Clips.WIDTH, i / columns * Clips.HEIGHT, Clips.WIDTH, Clips.HEIGHT));
    }
    return new BenchLayout(names, windows, columns * Clips.WIDTH, rows * Clips.HEIGHT);
  }

  public int screens() {
    return names.size();
  }

  /** Writes the layout file: forever, mpv, every screen on localhost, default sync settings. */
  public Path write(Path file, Path mediaRoot) throws IOException {
    return write(file, mediaRoot, Show.CLIPS_30);
  }

  /**
   * The same, playing {@code show}: each screen its playlist; the first screen with sound when it
   * is the clock; the latency screen's {@code latencyMs}.
   */
  public Path write(Path file, Path mediaRoot, Show show) throws IOException {
    return write(file, mediaRoot, show, List.of());
  }

  /** The same, screen i on {@code hosts[i]} (localhost where the list is short). */
  public Path write(Path file, Path mediaRoot, Show show, List<String> hosts) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", 1);
    root.put("name", "bench-" + screens());
    root.put("loops", 0);
    root.put("player", "mpv");
    root.put("mediaRoot", mediaRoot.toAbsolutePath().toString());
    int columns = width / Clips.WIDTH;
    int rows = height / Clips.HEIGHT;
    if (show.content().span()) {
      ObjectNode wall = root.putObject("wall");
      wall.put("width", columns * (Clips.WIDTH + Clips.SPAN_GAP) - Clips.SPAN_GAP);
      wall.put("height", rows * (Clips.HEIGHT + Clips.SPAN_GAP) - Clips.SPAN_GAP);
      root.putObject("span").put("media", Clips.spanFileName(columns, rows, show));
    }
    ArrayNode screens = root.putArray("screens");
    for (int i = 0; i < names.size(); i++) {
      ObjectNode screen = screens.addObject();
      screen.put("name", names.get(i));
      screen.put("host", i < hosts.size() ? hosts.get(i) : "localhost");
      Rect w = windows.get(i);
      ObjectNode window = screen.putObject("window");
      window.put("x", w.x());
      window.put("y", w.y());
      window.put("width", w.width());
      window.put("height", w.height());
      List<String> playlist = Clips.playlist(names.get(i), show);
      if (show.content().span()) {
        // The tile under this window, its bezels left out.
        ObjectNode region = screen.putObject("region");
        region.put("x", (w.x() / Clips.WIDTH) * (Clips.WIDTH + Clips.SPAN_GAP));
        region.put("y", (w.y() / Clips.HEIGHT) * (Clips.HEIGHT + Clips.SPAN_GAP));
        region.put("width", Clips.WIDTH);
        region.put("height", Clips.HEIGHT);
      } else if (playlist.size() == 1) {
        screen.put("media", playlist.get(0));
      } else {
        playlist.forEach(screen.putArray("media")::add);
      }
      if (i == 0 && show.fastScreenIsClock()) {
        screen.put("audio", "hdmi");
      }
      if (i == Show.LATENCY_SCREEN && show.latencyMs() != 0) {
        screen.put("latencyMs", show.latencyMs());
      }
      // Under Xvfb mpv's default GPU output probes its way to SDL (about 0.85 s, 155 MB);
      // the plain X11 output is what such a display can really do.
      screen.putArray("playerArgs").add(X11_OUTPUT);
    }
    JSON.writeValue(file.toFile(), root);
    return file;
  }
}
