package dev.wall.bench.sampling;

import java.nio.file.Path;

/** The two ways to take screenshots that the benchmark can compare (--compare-sampling). */
public enum SamplerKind {
  /** One persistent ffmpeg x11grab, raw frames on a pipe: the benchmark's choice. */
  STREAM,
  /** A new ffmpeg per screenshot. */
  SINGLE;

  public DisplaySampler create(String display, int width, int height, double rate, Path dir) {
    return this == STREAM
        ? new GrabStream(display, width, height, rate, dir.resolve("ffmpeg.log"))
        : new SingleGrabs(display, width, height, rate, dir);
  }
}
