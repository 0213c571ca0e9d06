package dev.wall.bench.sampling;

import dev.wall.bench.code.BgrxPicture;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One ffmpeg for the whole run: x11grab at a fixed rate, raw frames (bgr0) on a pipe, read here
 * frame by frame. Each grab is one shared-memory GetImage request for the root window, which the X
 * server serves between two other requests, so a screenshot never holds half of one window repaint;
 * ffmpeg paces the grabs itself, and nothing is encoded or written to disk.
 *
 * <p>Chosen over a new ffmpeg per screenshot ({@link SingleGrabs}) by measuring both on this 2-core
 * machine ({@code bench/run --compare-sampling 25}, load about 8): this kept 10.07/s (gaps: median
 * 100 ms, p95 128 ms, max 260 ms) for 1% of a core; a process per grab managed 2.1/s of the 10
 * asked (gaps up to 1.2 s) and only knew each grab's instant to ±237 ms. Both read every tile
 * cleanly (no torn or undecodable tile).
 */
public final class GrabStream implements DisplaySampler {
  private static final Duration STOP_GRACE = Duration.ofSeconds(2);

  /** showinfo prints a frame's line before the frame is written out; this is a safety margin. */
  private static final Duration STAMP_WAIT = Duration.ofSeconds(1);

  private final String display;
  private final int width;
  private final int height;
  private final double rate;
  private final Path log;
  private Process ffmpeg;
  private Thread reader;
  private volatile boolean closing;

  /**
   * @param rate screenshots per second
   * @param log ffmpeg's messages
   */
  public GrabStream(String display, int width, int height, double rate, Path log) {
    this.display = display;
    this.width = width;
    this.height = height;
    this.rate = rate;
    this.log = log;
  }

  /**
   * x11grab stamps each grab with the wall clock (microseconds); {@code -copyts} keeps that stamp
   * and {@code showinfo} prints it, frame by frame, on stderr. The frame itself reaches our pipe
   * about 230 ms later (measured: ffmpeg holds two frames at 10/s), so its arrival must not stand
   * for the instant it shows.
   */
  List<String> argv() {
    return List.of(
        "ffmpeg",
        "-nostdin",
        "-hide_banner",
        "-nostats",
        "-loglevel",
        "info",
        "-copyts",
        "-f",
        "x11grab",
        "-draw_mouse",
        "0",
        "-framerate",
        String.format(Locale.ROOT, "%.3f", rate),
        "-video_size",
        width + "x" + height,
        "-i",
        display,
        "-vf",
        "showinfo",
        "-fps_mode",
        "passthrough",
        "-f",
        "rawvideo",
        "-pix_fmt",
        "bgr0",
        "pipe:1");
  }

  @Override
  public void start(Consumer<Capture> sink) throws IOException {
    Files.createDirectories(log.toAbsolutePath().getParent());
    ProcessBuilder builder = new ProcessBuilder(argv());
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    ffmpeg = builder.start();
    GrabStamps stamps = GrabStamps.reading(ffmpeg.getErrorStream(), log);
    reader = new Thread(() -> read(ffmpeg.getInputStream(), stamps, sink), "grab-stream");
    reader.setDaemon(true);
    reader.start();
  }

  private void read(InputStream frames, GrabStamps stamps, Consumer<Capture> sink) {
    int frameBytes = BgrxPicture.frameBytes(width, height);
    try (frames) {
      for (int frame = 0; !closing; frame++) {
        byte[] bytes = frames.readNBytes(frameBytes);
        if (bytes.length < frameBytes) {
          return;
        }
        long arrived = System.nanoTime();
        long grabbed = stamps.grabNanos(frame, STAMP_WAIT).orElse(arrived);
        sink.accept(new Capture(grabbed, 0, new BgrxPicture(bytes, width, height)));
      }
    } catch (IOException e) {
      // ffmpeg closed the pipe: it is stopping.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public java.util.Optional<Duration> cpuTime() {
    return ffmpeg == null ? java.util.Optional.empty() : ffmpeg.info().totalCpuDuration();
  }

  public boolean isAlive() {
    return ffmpeg != null && ffmpeg.isAlive();
  }

  @Override
  public void close() {
    closing = true;
    if (ffmpeg == null) {
      return;
    }
    ffmpeg.destroy();
    try {
      if (!ffmpeg.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        ffmpeg.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
      reader.join(STOP_GRACE.toMillis());
    } catch (InterruptedException e) {
      ffmpeg.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "one ffmpeg x11grab at %.1f/s, raw frames on a pipe", rate);
  }
}
