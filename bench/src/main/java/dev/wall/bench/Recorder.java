package dev.wall.bench;

import dev.wall.bench.analysis.Sample;
import dev.wall.bench.analysis.SyncAnalysis;
import dev.wall.bench.code.FrameCode;
import dev.wall.bench.code.TileReading;
import dev.wall.bench.sampling.Capture;
import dev.wall.bench.sampling.SamplingStats.CaptureTime;
import dev.wall.core.layout.Rect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/**
 * Decodes every screenshot as it arrives and keeps only the readings (a minute of raw frames would
 * not fit in memory). Once the wall has started, a screenshot with a failed tile or a spread above
 * one frame is also saved as a PNG, up to a limit, so a figure can be checked by eye.
 */
public final class Recorder implements Consumer<Capture>, AutoCloseable {
  private static final int EVIDENCE_LIMIT = 24;

  private final List<Rect> windows;
  private final FrameCode code;
  private final dev.wall.bench.wall.Show show;
  private final int clipFrames;
  private final Path evidenceDir;
  private final List<Sample> samples = new ArrayList<>();
  private final List<CaptureTime> times = new ArrayList<>();
  private final ExecutorService evidence =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "evidence");
            t.setDaemon(true);
            return t;
          });
  private int evidenceSaved;
  private volatile boolean recording = true;
  private volatile long startupNanos = -1;
  private volatile long firstPictureNanos = -1;
  private volatile long allShownNanos = -1;
  private volatile long launchAt = Long.MAX_VALUE;

  /** Each tile is read as its place in the loop ({@link dev.wall.bench.wall.Show#loopFrame}). */
  public Recorder(
      List<Rect> windows, FrameCode code, dev.wall.bench.wall.Show show, Path evidenceDir) {
    this.windows = windows;
    this.code = code;
    this.show = show;
    this.clipFrames = show.loopFrames();
    this.evidenceDir = evidenceDir;
  }

  @Override
  public void accept(Capture capture) {
    if (!recording) {
      return;
    }
    List<TileReading> tiles = new ArrayList<>(windows.size());
    for (Rect window : windows) {
      tiles.add(inLoop(code.read(capture.picture(), window)));
    }
    Sample sample = new Sample(capture.nanos(), List.copyOf(tiles));
    synchronized (this) {
      samples.add(sample);
      times.add(new CaptureTime(capture.nanos(), capture.uncertaintyNanos()));
      notifyAll();
    }
    if (capture.nanos() > launchAt) {
      if (firstPictureNanos < 0 && sample.tiles().stream().anyMatch(TileReading::isDecoded)) {
        firstPictureNanos = capture.nanos();
      }
      if (allShownNanos < 0 && sample.allDecoded()) {
        allShownNanos = capture.nanos();
      }
      if (startupNanos < 0 && SyncAnalysis.everyScreenMoving(sample, clipFrames)) {
        startupNanos = capture.nanos();
      }
    }
    if (startupNanos >= 0
        && (sample.failedTiles() > 0 || sample.allDecoded() && sample.spread(clipFrames) > 1)) {
      saveEvidence(capture, sample);
    }
  }

  /**
   * A tile's bar code as its place in the loop; a number no item has is no valid reading, unless it
   * is another clip's ({@link dev.wall.bench.wall.Show#OTHER_CLIP_FIRST_FRAME}).
   */
  private TileReading inLoop(TileReading tile) {
    if (!tile.isDecoded() || tile.frame() >= dev.wall.bench.wall.Show.OTHER_CLIP_FIRST_FRAME) {
      return tile;
    }
    int frame = show.loopFrame(tile.frame());
    return frame < 0 ? TileReading.undecodable() : TileReading.decoded(frame, tile.torn());
  }

  private void saveEvidence(Capture capture, Sample sample) {
    if (evidenceSaved >= EVIDENCE_LIMIT) {
      return;
    }
    evidenceSaved++;
    String name =
        String.format(
            "t%07dms-%s.png",
            (capture.nanos() - launchAt) / 1_000_000,
            String.join("_", sample.tiles().stream().map(TileReading::toString).toList()));
    evidence.execute(
        () -> {
          try {
            Files.createDirectories(evidenceDir);
            ImageIO.write(capture.picture().toImage(), "png", evidenceDir.resolve(name).toFile());
          } catch (IOException e) {
            // A missing picture loses an illustration, not a figure.
          }
        });
  }

  /** Screenshots from now on count: the wall is being launched at {@code nanos}. */
  public void launchedAt(long nanos) {
    launchAt = nanos;
  }

  /** When every screen was first seen moving, or -1. */
  public long startupNanos() {
    return startupNanos;
  }

  /** When the first screen first showed a frame of its clip, or -1. */
  long firstPictureNanos() {
    return firstPictureNanos;
  }

  /** When every screen first showed a frame (moving or not), or -1. */
  long allShownNanos() {
    return allShownNanos;
  }

  public synchronized int captures() {
    return samples.size();
  }

  /** Ignores every later screenshot: the wall is about to be stopped, which is no failure. */
  public void stopRecording() {
    recording = false;
  }

  public synchronized List<Sample> samples() {
    return List.copyOf(samples);
  }

  synchronized List<CaptureTime> times() {
    return List.copyOf(times);
  }

  @Override
  public void close() {
    recording = false;
    evidence.shutdown();
    try {
      evidence.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
