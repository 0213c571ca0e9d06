package dev.wall.player.preview;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.Rect;
import dev.wall.core.layout.Screen;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A picture of the wall to scale, so a technician sees at a glance what plays where: each screen
 * with its name, rank, host and clip; bezel gaps as the dark wall between screens; the part of the
 * span video each screen crops outlined. Pure java.awt on an image, so it runs headless.
 */
public final class WallPicture {
  public static final Color BACKGROUND = new Color(0xF2, 0xF2, 0xF2);

  /** The wall canvas: what shows between screens is the bezel gap. */
  public static final Color BEZEL = new Color(0x26, 0x26, 0x26);

  /** Every screen that shows the span shares one colour: they show one video. */
  public static final Color SPAN_FILL = new Color(0x2E, 0x5E, 0x8C);

  public static final Color CROP_OUTLINE = new Color(0xF2, 0xB1, 0x34);

  /** Screens with their own clips: one colour per clip, so repeats stand out. */
  static final Color[] CLIP_FILLS = {
    new Color(0x3C, 0x8D, 0x5A), new Color(0x8E, 0x4B, 0x8C), new Color(0xB3, 0x5A, 0x3A),
    new Color(0x4A, 0x7F, 0x8F), new Color(0x7A, 0x6A, 0x2E), new Color(0x5B, 0x5F, 0xA8),
  };

  private static final Color TEXT = Color.WHITE;
  private static final Color DISPLAY_OUTLINE = new Color(0x80, 0x80, 0x80);
  private static final int MARGIN = 20;
  private static final int HEADER = 34;

  private final Layout layout;
  private final String title;
  private final WallGeometry geometry;
  private final Frame frame;

  public WallPicture(Layout layout, String title, int maxWidth) {
    this.layout = layout;
    this.title = title;
    this.geometry = WallGeometry.of(layout);
    double scale =
        Math.min(
            (maxWidth - 2.0 * MARGIN) / geometry.width(),
            (maxWidth * 0.75 - 2.0 * MARGIN) / geometry.height());
    this.frame = new Frame(MARGIN, MARGIN + HEADER, scale);
  }

  /** Maps wall coordinates (a region's unit, or pixels in display mode) into the picture. */
  public record Frame(int left, int top, double scale) {
    public int x(double wallX) {
      return left + (int) Math.round(wallX * scale);
    }

    public int y(double wallY) {
      return top + (int) Math.round(wallY * scale);
    }
  }

  public Frame frame() {
    return frame;
  }

  public WallGeometry geometry() {
    return geometry;
  }

  public BufferedImage draw() {
    int width = frame.x(geometry.width()) + MARGIN;
    int height = frame.y(geometry.height()) + MARGIN;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(BACKGROUND);
      g.fillRect(0, 0, width, height);
      drawTitle(g);
      drawCanvas(g);
      Map<String, Color> clipColours = new HashMap<>();
      for (int rank = 0; rank < layout.screens().size(); rank++) {
        drawScreen(g, rank, clipColours);
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  private void drawTitle(Graphics2D g) {
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    int screens = layout.screens().size();
    String loops = layout.loopsForever() ? "loops forever" : "loops " + layout.loops();
    String size =
        geometry.wallMode()
            ? "wall " + geometry.width() + " x " + geometry.height()
            : "windows on each display, to scale";
    g.drawString(
        title
            + "   "
            + screens
            + (screens == 1 ? " screen" : " screens")
            + ", "
            + loops
            + ", "
            + size,
        MARGIN,
        MARGIN + 18);
  }

  private void drawCanvas(Graphics2D g) {
    if (geometry.wallMode()) {
      g.setColor(BEZEL);
      fill(g, new Rect(0, 0, geometry.width(), geometry.height()));
      return;
    }
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (WallGeometry.Display display : geometry.displays()) {
      Rect area = display.area();
      g.setColor(BEZEL);
      fill(g, area);
      g.setColor(DISPLAY_OUTLINE);
      g.drawString(display.label(), frame.x(area.x()), frame.y(area.y()) - 4);
    }
  }

  private void drawScreen(Graphics2D g, int rank, Map<String, Color> clipColours) {
    Screen screen = layout.screen(rank);
    Rect rect = geometry.screenArea(rank);
    boolean span = screen.showsSpan();
    g.setColor(
        span
            ? SPAN_FILL
            : clipColours.computeIfAbsent(
                String.join("\n", screen.media()),
                clip -> CLIP_FILLS[clipColours.size() % CLIP_FILLS.length]));
    fill(g, rect);
    if (span) {
      g.setColor(CROP_OUTLINE);
      g.setStroke(new BasicStroke(3f));
      int x = frame.x(rect.x());
      int y = frame.y(rect.y());
      g.drawRect(x + 1, y + 1, frame.x(rect.right()) - x - 3, frame.y(rect.bottom()) - y - 3);
    }
    drawLabel(g, rank, screen, rect);
  }

  private void drawLabel(Graphics2D g, int rank, Screen screen, Rect rect) {
    int x = frame.x(rect.x());
    int y = frame.y(rect.y());
    int w = frame.x(rect.right()) - x;
    int h = frame.y(rect.bottom()) - y;
    int size = Math.max(9, Math.min(22, h / 8));
    List<String> lines = new ArrayList<>();
    lines.add(screen.name());
    lines.add("rank " + rank + " · " + screen.host() + " · output " + screen.output());
    lines.add((screen.showsSpan() ? "span: " : "") + playlist(layout.playlist(screen)));
    if (screen.showsSpan() && screen.region() != null) {
      lines.add("crop " + screen.region().geometry());
    }
    int lineHeight = size + size / 3;
    int top = y + (h - lineHeight * lines.size()) / 2 + size;
    g.setColor(TEXT);
    for (int i = 0; i < lines.size(); i++) {
      g.setFont(
          new Font(Font.SANS_SERIF, i == 0 ? Font.BOLD : Font.PLAIN, i == 0 ? size + 2 : size));
      String line = fit(g.getFontMetrics(), lines.get(i), w - 12);
      int textWidth = g.getFontMetrics().stringWidth(line);
      g.drawString(line, x + (w - textWidth) / 2, top + i * lineHeight);
    }
  }

  /** A clip's name; a playlist's first clip and how many follow it. */
  static String playlist(List<String> clips) {
    return clips.size() == 1 ? clips.get(0) : clips.get(0) + " + " + (clips.size() - 1) + " more";
  }

  private static String fit(FontMetrics metrics, String text, int width) {
    if (metrics.stringWidth(text) <= width) {
      return text;
    }
    String shorter = text;
    while (!shorter.isEmpty() && metrics.stringWidth(shorter + "…") > width) {
      shorter = shorter.substring(0, shorter.length() - 1);
    }
    return shorter + "…";
  }

  private void fill(Graphics2D g, Rect rect) {
    int x = frame.x(rect.x());
    int y = frame.y(rect.y());
    g.fillRect(x, y, frame.x(rect.right()) - x, frame.y(rect.bottom()) - y);
  }
}
