package dev.wall.player.display;

import dev.wall.core.layout.Rect;
import dev.wall.player.process.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads window titles and geometry back from an X server, with xwininfo. */
public final class XWindows {
  // 0x200007 "wall tl": ("mpv" "mpv")  640x360+0+0  +0+0
  private static final Pattern LINE =
      Pattern.compile(
          "0x\\p{XDigit}+ \"(.*)\":.*?\\s(\\d+)x(\\d+)\\+-?\\d+\\+-?\\d+\\s+\\+(-?\\d+)\\+(-?\\d+)\\s*$");

  private XWindows() {}

  // 0x200007 "wall tl": ...  -> the id and the title
  private static final Pattern ID_LINE = Pattern.compile("^(0x\\p{XDigit}+) \"(.*)\":");

  private static final Pattern ROOT_SIZE = Pattern.compile("^\\s*(Width|Height): (\\d+)");

  /** Every named top-level window tree on {@code display}: title to absolute geometry. */
  public static Map<String, Rect> list(String display, Path scratchDir) throws IOException {
    return parse(xwininfo(display, scratchDir, "-root", "-tree"));
  }

  /** Every named window's id, as xdotool takes it: title to {@code 0x...}, first match wins. */
  public static Map<String, String> ids(String display, Path scratchDir) throws IOException {
    return parseIds(xwininfo(display, scratchDir, "-root", "-tree"));
  }

  static Map<String, String> parseIds(List<String> lines) {
    Map<String, String> ids = new LinkedHashMap<>();
    for (String line : lines) {
      Matcher m = ID_LINE.matcher(line.strip());
      if (m.find()) {
        ids.putIfAbsent(m.group(2), m.group(1));
      }
    }
    return ids;
  }

  /** The size of the display's root window, at 0,0. */
  public static Rect rootSize(String display, Path scratchDir) throws IOException {
    int width = 0;
    int height = 0;
    for (String line : xwininfo(display, scratchDir, "-root")) {
      Matcher m = ROOT_SIZE.matcher(line);
      if (m.find()) {
        if (m.group(1).equals("Width")) {
          width = Integer.parseInt(m.group(2));
        } else {
          height = Integer.parseInt(m.group(2));
        }
      }
    }
    return new Rect(0, 0, width, height);
  }

  /** Windows come and go while xwininfo walks the tree ("Can't query window tree"): try again. */
  private static final int ATTEMPTS = 3;

  private static List<String> xwininfo(String display, Path scratchDir, String... args)
      throws IOException {
    IOException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        return xwininfoOnce(display, scratchDir, args);
      } catch (IOException e) {
        last = e;
      }
    }
    throw last;
  }

  private static List<String> xwininfoOnce(String display, Path scratchDir, String... args)
      throws IOException {
    Files.createDirectories(scratchDir);
    Path out = Files.createTempFile(scratchDir, "xwininfo", ".txt");
    List<String> argv = new java.util.ArrayList<>(List.of("xwininfo"));
    argv.addAll(List.of(args));
    try (ChildProcess xwininfo =
        ChildProcess.start("xwininfo", argv, out, Map.of("DISPLAY", display))) {
      if (xwininfo.waitFor(Duration.ofSeconds(10)).orElse(-1) != 0) {
        throw new IOException(
            "xwininfo failed on " + display + ": " + String.join(" | ", xwininfo.lastLogLines(3)));
      }
      return Files.readAllLines(out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted reading windows", e);
    } finally {
      Files.deleteIfExists(out);
    }
  }

  static Map<String, Rect> parse(List<String> lines) {
    Map<String, Rect> windows = new LinkedHashMap<>();
    for (String line : lines) {
      Matcher m = LINE.matcher(line.strip());
      if (m.find()) {
        windows.putIfAbsent(
            m.group(1),
            new Rect(
                Integer.parseInt(m.group(4)),
                Integer.parseInt(m.group(5)),
                Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3))));
      }
    }
    return windows;
  }
}
