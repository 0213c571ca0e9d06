package dev.wall.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** This repository's paths, found from the working folder upwards (bench/run starts at the root). */
public final class Repository {
  private Repository() {}

  public static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isExecutable(makeClip(dir))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("not inside the wall repository (no media/generate/make-clip above "
          + Path.of("").toAbsolutePath() + ")");
    }
    return dir;
  }

  public static Path makeClip(Path root) {
    return root.resolve("media/generate/make-clip");
  }
}
