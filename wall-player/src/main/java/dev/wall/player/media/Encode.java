package dev.wall.player.media;

import dev.wall.player.process.Processes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * One ffmpeg run that makes one {@link TileJob}'s file: crop, scale to the screen, a constant frame
 * rate, exactly the job's frames (a shorter source holds its last frame, as at a loop seam), a key
 * frame every second and at no other place (no scene-cut key frames), so every screen's key frames
 * fall on the same frames; sound only where the job keeps it. One encoder thread: the preparer runs
 * one encode per core.
 */
final class Encode {
  /** An encode whose ffmpeg says nothing for this long is stuck, and stopped. */
  static final long STALL_NANOS = 120_000_000_000L;

  private Encode() {}

  static List<String> argv(TileJob job, Path out) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "ffmpeg",
                "-nostdin",
                "-hide_banner",
                "-loglevel",
                "error",
                "-nostats",
                "-progress",
                "pipe:1",
                "-y",
                "-i",
                job.source().toString()));
    List<String> filters = new ArrayList<>();
    if (job.crop() != null) {
      filters.add(
          String.format(
              Locale.ROOT,
              "crop=w=%d:h=%d:x=%d:y=%d:exact=1",
              job.crop().width(),
              job.crop().height(),
              job.crop().x(),
              job.crop().y()));
    }
    filters.add("scale=w=" + job.width() + ":h=" + job.height() + ":flags=lanczos");
    filters.add("setsar=1");
    filters.add("fps=fps=" + FrameRates.text(job.frameRate()));
    filters.add("tpad=stop=-1:stop_mode=clone");
    filters.add("format=yuv420p");
    argv.addAll(List.of("-filter_threads", "1", "-vf", String.join(",", filters)));
    argv.addAll(List.of("-map", "0:v:0"));
    if (job.audio()) {
      argv.addAll(List.of("-map", "0:a:0?", "-af", "apad", "-c:a", "aac", "-b:a", "192k"));
    } else {
      argv.add("-an");
    }
    String key = String.valueOf(job.keyInterval());
    argv.addAll(List.of("-c:v", job.codec().encoder(), "-threads", "1"));
    if (job.codec() == VideoCodec.H264) {
      argv.addAll(
          List.of(
              "-preset",
              "medium",
              "-crf",
              "18",
              "-profile:v",
              "high",
              "-g",
              key,
              "-keyint_min",
              key,
              "-sc_threshold",
              "0",
              "-x264-params",
              "open-gop=0"));
    } else {
      argv.addAll(
          List.of(
              "-preset",
              "medium",
              "-crf",
              "20",
              "-profile:v",
              "main",
              "-tag:v",
              "hvc1",
              "-x265-params",
              "keyint="
                  + key
                  + ":min-keyint="
                  + key
                  + ":scenecut=0:open-gop=0:pools=1:frame-threads=1:log-level=error"));
    }
    argv.addAll(
        List.of(
            "-r",
            FrameRates.text(job.frameRate()),
            "-frames:v",
            String.valueOf(job.frames()),
            "-t",
            String.format(Locale.ROOT, "%.6f", job.seconds()),
            "-movflags",
            "+faststart",
            "-f",
            "mp4",
            out.toString()));
    return argv;
  }

  /**
   * Runs the encode to its end, telling {@code frames} each frame count ffmpeg reports.
   *
   * @throws IOException when ffmpeg failed (its last error line is the message) or stalled
   */
  static void run(TileJob job, Path out, IntConsumer frames) throws IOException {
    long[] lastWord = {System.nanoTime()};
    Processes.Outcome ffmpeg =
        Processes.run(
            argv(job, out),
            new byte[0],
            new Processes.Pace() {
              @Override
              public void line(String line, long nanoTime) {
                synchronized (lastWord) {
                  lastWord[0] = nanoTime;
                }
                if (line.startsWith("frame=")) {
                  try {
                    frames.accept(Integer.parseInt(line.substring(6).strip()));
                  } catch (NumberFormatException e) {
                    // Not a count: the next line will be.
                  }
                }
              }

              @Override
              public String late(long nanoTime) {
                synchronized (lastWord) {
                  return nanoTime - lastWord[0] > STALL_NANOS
                      ? "ffmpeg made no progress for " + STALL_NANOS / 1_000_000_000L + " s"
                      : null;
                }
              }
            },
            Map.of());
    if (ffmpeg.exitCode() != 0) {
      throw new IOException("ffmpeg failed: " + ffmpeg.lastErrorLine());
    }
  }
}
