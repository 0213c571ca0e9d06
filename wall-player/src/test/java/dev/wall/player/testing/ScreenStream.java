package dev.wall.player.testing;

import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Screenshots of an X display at a steady rate, for a test that must see every moment of a change
 * (a frame or two of black would hide between single grabs, which take a process each, about 250 ms
 * apart here): one ffmpeg grabbing the display ({@code x11grab}) {@code rate} times a second, raw
 * frames on a pipe, read into pictures as they come. The benchmark has its own, with the instant of
 * each grab; a test needs only the pictures, in order.
 */
public final class ScreenStream implements AutoCloseable {
  private final Process ffmpeg;
  private final Thread reader;
  private final List<BufferedImage> shots = new ArrayList<>();
  private volatile IOException failure;

  private ScreenStream(Process ffmpeg, int width, int height) {
    this.ffmpeg = ffmpeg;
    this.reader =
        new Thread(
            () -> {
              byte[] frame = new byte[width * height * 4];
              try (DataInputStream in = new DataInputStream(ffmpeg.getInputStream())) {
                while (true) {
                  in.readFully(frame);
                  BufferedImage image =
                      new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
                  for (int i = 0, p = 0; i < width * height; i++, p += 4) {
                    // bgr0: blue, green, red, unused
                    image.setRGB(
                        i % width,
                        i / width,
                        (frame[p + 2] & 0xff) << 16 | (frame[p + 1] & 0xff) << 8 | frame[p] & 0xff);
                  }
                  synchronized (shots) {
                    shots.add(image);
                  }
                }
              } catch (EOFException e) {
                // ffmpeg stopped.
              } catch (IOException e) {
                failure = e;
              }
            },
            "screen-stream");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts grabbing {@code display}'s top-left {@code width} x {@code height}. */
  public static ScreenStream start(String display, int width, int height, int rate, Path log)
      throws IOException {
    Process ffmpeg =
        new ProcessBuilder(
                "ffmpeg",
                "-nostdin",
                "-loglevel",
                "error",
                "-f",
                "x11grab",
                "-framerate",
                String.valueOf(rate),
                "-video_size",
                width + "x" + height,
                "-i",
                display + "+0,0",
                "-f",
                "rawvideo",
                "-pix_fmt",
                "bgr0",
                "pipe:1")
            .redirectError(log.toFile())
            .start();
    return new ScreenStream(ffmpeg, width, height);
  }

  /** The screenshots so far, oldest first. */
  public List<BufferedImage> shots() throws IOException {
    if (failure != null) {
      throw failure;
    }
    synchronized (shots) {
      return List.copyOf(shots);
    }
  }

  @Override
  public void close() throws InterruptedException {
    ffmpeg.destroy();
    if (!ffmpeg.waitFor(5, TimeUnit.SECONDS)) {
      ffmpeg.destroyForcibly();
      ffmpeg.waitFor(5, TimeUnit.SECONDS);
    }
    reader.join(5000);
  }
}
