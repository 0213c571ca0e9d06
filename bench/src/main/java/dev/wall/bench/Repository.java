package dev.wall.bench;

import dev.wall.core.testing.RepoFiles;
import java.nio.file.Path;

/** This repository's paths, found from the working folder upwards (bench/run starts at the root). */
public final class Repository {
  private Repository() {}

  public static Path root() {
    return RepoFiles.root();
  }

  public static Path makeClip(Path root) {
    return root.resolve("media/generate/make-clip");
  }
}
