package dev.wall.dist;

import dev.wall.player.testing.ClipCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The demo layout's four clips, short and small, made with the project's clip generator. */
final class DemoClips {
  static final List<String> NAMES = List.of("top-left", "top-right", "bottom-left", "bottom-right");

  private DemoClips() {}

  static Path make(Path dir) throws Exception {
    Files.createDirectories(dir);
    int hue = 0;
    for (String name : NAMES) {
      ClipCache.into(dir, "demo-" + name, 320, 180, 2, hue);
      hue += 90;
    }
    return dir;
  }
}
