package dev.wall.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The demo layout's four clips, short and small, made with the project's clip generator. */
final class DemoClips {
  static final List<String> NAMES = List.of("top-left", "top-right", "bottom-left", "bottom-right");

  private DemoClips() {}

  static Path make(Path dir) throws Exception {
    Files.createDirectories(dir);
    int hue = 0;
    for (String name : NAMES) {
      Path clip = dir.resolve("demo-" + name + ".mp4");
      if (!Files.exists(clip)) {
        Sh.Result made = Sh.run(List.of(Sh.repository().resolve("media/generate/make-clip").toString(), clip.toString(),
            name, "320", "180", "2", "30", String.valueOf(hue)), Map.of(), dir, Duration.ofMinutes(2));
        if (made.code() != 0) {
          throw new IOException("make-clip failed: " + made.all());
        }
      }
      hue += 90;
    }
    return dir;
  }
}
