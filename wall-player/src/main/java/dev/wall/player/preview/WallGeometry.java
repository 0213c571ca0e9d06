package dev.wall.player.preview;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.Rect;
import dev.wall.core.layout.Screen;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each screen goes in the picture. With a {@code wall} and a region for every screen, the
 * regions place them, bezel gaps and all. Otherwise the wall has no physical arrangement on file,
 * so each display (host and output) is drawn side by side with its windows on it.
 */
public record WallGeometry(
    boolean wallMode, int width, int height, List<Rect> screenAreas, List<Display> displays) {
  /** A nominal display for a full-screen player whose real resolution is unknown here. */
  static final int NOMINAL_WIDTH = 1920;

  static final int NOMINAL_HEIGHT = 1080;

  /** One host's output, in display mode. */
  public record Display(String label, Rect area) {}

  public Rect screenArea(int rank) {
    return screenAreas.get(rank);
  }

  public static WallGeometry of(Layout layout) {
    boolean regions =
        layout.wall() != null
            && layout.screens().stream().allMatch(screen -> screen.region() != null);
    if (regions) {
      List<Rect> areas = layout.screens().stream().map(Screen::region).toList();
      return new WallGeometry(
          true, layout.wall().width(), layout.wall().height(), areas, List.of());
    }
    return displayMode(layout);
  }

  private static WallGeometry displayMode(Layout layout) {
    Map<String, List<Integer>> ranksByDisplay = new LinkedHashMap<>();
    for (int rank = 0; rank < layout.screens().size(); rank++) {
      Screen screen = layout.screen(rank);
      ranksByDisplay
          .computeIfAbsent(screen.host() + " · output " + screen.output(), key -> new ArrayList<>())
          .add(rank);
    }
    Rect[] areas = new Rect[layout.screens().size()];
    List<Display> displays = new ArrayList<>();
    int left = 0;
    int height = 0;
    for (Map.Entry<String, List<Integer>> entry : ranksByDisplay.entrySet()) {
      int w = NOMINAL_WIDTH;
      int h = NOMINAL_HEIGHT;
      for (int rank : entry.getValue()) {
        Rect window = layout.screen(rank).window();
        if (window != null) {
          w = Math.max(w, window.right());
          h = Math.max(h, window.bottom());
        }
      }
      int top = NOMINAL_HEIGHT / 10;
      for (int rank : entry.getValue()) {
        Rect window = layout.screen(rank).window();
        areas[rank] =
            window == null
                ? new Rect(left, top, w, h)
                : new Rect(left + window.x(), top + window.y(), window.width(), window.height());
      }
      displays.add(new Display(entry.getKey(), new Rect(left, top, w, h)));
      left += w + NOMINAL_WIDTH / 10;
      height = Math.max(height, top + h);
    }
    return new WallGeometry(false, left - NOMINAL_WIDTH / 10, height, List.of(areas), displays);
  }
}
