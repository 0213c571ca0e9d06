package dev.wall.bench.code;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wall.core.layout.Rect;
import dev.wall.player.process.ChildProcess;
import dev.wall.player.testing.ClipCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decoder against real frames: clips from media/generate/make-clip (the ClipCache), frames
 * pulled out by ffmpeg.
 */
@Tag("smoke")
class FrameCodeClipIT {
  @TempDir Path dir;

  @Test
  void everyFrameOfAGeneratedClipReadsAsItsOwnNumber() throws Exception {
    Path clip = makeClip("tl", 320, 180, 2);
    List<Path> frames = extract(clip, "frames", List.of());

    List<Integer> read = readAll(frames, FrameCode.forClip(320, 180), new Rect(0, 0, 320, 180));

    assertEquals(60, frames.size(), "2 s at 30 fps");
    assertEquals(numbers(60), read);
  }

  @Test
  void aClipMadeLargeAndShownSmallReadsToo() throws Exception {
    Path clip = makeClip("big", 640, 360, 1);
    List<Path> frames = extract(clip, "small", List.of("-vf", "scale=320:180"));

    List<Integer> read = readAll(frames, FrameCode.forClip(640, 360), new Rect(0, 0, 320, 180));

    assertEquals(numbers(30), read);
  }

  private static List<Integer> numbers(int count) {
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      numbers.add(i);
    }
    return numbers;
  }

  private static List<Integer> readAll(List<Path> frames, FrameCode code, Rect tile)
      throws IOException {
    List<Integer> read = new ArrayList<>();
    for (Path frame : frames) {
      TileReading reading = code.read(Picture.of(ImageIO.read(frame.toFile())), tile);
      read.add(reading.isDecoded() && !reading.torn() ? reading.frame() : -1);
    }
    return read;
  }

  private static Path makeClip(String label, int width, int height, int seconds) {
    return ClipCache.barCoded(label, width, height, seconds, 30, 120, 0);
  }

  /** Every frame of {@code clip} as a PNG, in order. */
  private List<Path> extract(Path clip, String name, List<String> filter) throws Exception {
    Path out = Files.createDirectories(dir.resolve(name));
    List<String> argv =
        new ArrayList<>(List.of("ffmpeg", "-nostdin", "-loglevel", "error", "-i", clip.toString()));
    argv.addAll(filter);
    argv.addAll(List.of("-fps_mode", "passthrough", out.resolve("%03d.png").toString()));
    run(argv);
    try (var files = Files.list(out)) {
      return files.sorted().toList();
    }
  }

  private void run(List<String> argv) throws Exception {
    Path log = dir.resolve("process.log");
    try (ChildProcess child = ChildProcess.start(argv.get(0), argv, log, Map.of())) {
      int code = child.waitFor(Duration.ofSeconds(120)).orElse(-1);
      assertEquals(0, code, argv + ": " + child.lastLogLines(5));
    }
  }
}
