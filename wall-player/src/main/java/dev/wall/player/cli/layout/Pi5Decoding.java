package dev.wall.player.cli.layout;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.Screen;
import dev.wall.player.process.ChildProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code wall validate --check-media} on a Raspberry Pi 5: its only hardware decoder is HEVC, so a
 * screen of this node that plays H.264 above 720p decodes in software and drops frames. A warning,
 * not an error: the wall still plays. The model is known only on the node itself (its device tree).
 */
final class Pi5Decoding {
  static final Path MODEL = Path.of("/proc/device-tree/model");
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private Pi5Decoding() {}

  /** This machine's model, as its device tree names it; empty off a Pi. */
  static Optional<String> model(Path file) {
    try {
      return Files.isReadable(file) ? Optional.of(Files.readString(file).replace("\0", "").trim()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The warning for one clip, if any: {@code codec} as ffprobe names it, {@code height} in pixels. */
  static Optional<String> warning(String model, String codec, int width, int height) {
    if (!model.startsWith("Raspberry Pi 5") || !codec.equals("h264") || height <= 720) {
      return Optional.empty();
    }
    return Optional.of("is H.264 " + width + "x" + height + ", which a Pi 5 decodes in software (its only hardware"
        + " decoder is HEVC) and drops frames above 720p; re-encode it as HEVC (ffmpeg -i IN -c:v libx265 OUT), or"
        + " at 720p");
  }

  /** One line per clip of this node's screens that a Pi 5 would decode in software. */
  static List<String> warnings(String file, Layout layout, Path scratch, String model) throws IOException {
    List<String> lines = new ArrayList<>();
    String host = InetAddress.getLocalHost().getHostName();
    for (int i = 0; i < layout.screens().size(); i++) {
      Screen screen = layout.screen(i);
      if (!screen.host().equals(host) && !screen.host().equals("localhost")) {
        continue;
      }
      for (Path clip : layout.clips(screen)) {
        Optional<String[]> probed = probe(clip, scratch);
        if (probed.isPresent()) {
          String[] p = probed.get();
          int index = i;
          warning(model, p[0], Integer.parseInt(p[1]), Integer.parseInt(p[2])).ifPresent(w ->
              lines.add(file + ": screens[" + index + "].media: warning: " + clip.getFileName() + " " + w));
        }
      }
    }
    return lines;
  }

  /** codec, width, height of the first video stream, by ffprobe. */
  static Optional<String[]> probe(Path clip, Path scratch) throws IOException {
    Files.createDirectories(scratch);
    Path out = scratch.resolve("codec-probe.txt");
    Files.deleteIfExists(out);
    List<String> argv = List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
        "stream=codec_name,width,height", "-of", "csv=p=0", clip.toString());
    try (ChildProcess ffprobe = ChildProcess.start("ffprobe", argv, out, Map.of())) {
      if (ffprobe.waitFor(TIMEOUT).orElse(-1) != 0) {
        return Optional.empty();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    String[] fields = Files.readString(out).trim().split(",");
    return fields.length == 3 && fields[1].matches("\\d+") && fields[2].matches("\\d+") ? Optional.of(fields) : Optional.empty();
  }
}
