package dev.wall.bench.wall;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import dev.wall.core.layout.Rect;
import dev.wall.core.layout.Screen;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchLayoutTest {
  @TempDir Path dir;

  @Test
  void fourScreensAreATwoByTwoGridOfClipSizedWindows() {
    BenchLayout layout = BenchLayout.grid(4);

    assertEquals(List.of("s1", "s2", "s3", "s4"), layout.names());
    assertEquals(
        List.of(
            new Rect(0, 0, 320, 180),
            new Rect(320, 0, 320, 180),
            new Rect(0, 180, 320, 180),
            new Rect(320, 180, 320, 180)),
        layout.windows());
    assertEquals(640, layout.width());
    assertEquals(360, layout.height());
  }

  @Test
  void eightScreensAreTwoRowsOfFour() {
    BenchLayout layout = BenchLayout.grid(8);

    assertEquals(1280, layout.width());
    assertEquals(360, layout.height());
    assertEquals(new Rect(960, 180, 320, 180), layout.windows().get(7));
  }

  @Test
  void theWrittenFileIsAValidLayoutThatWallPlayReads() throws Exception {
    BenchLayout layout = BenchLayout.grid(4);

    Layout read =
        new LayoutReader().read(layout.write(dir.resolve("wall.json"), dir.resolve("clips")));

    assertEquals(0, read.loops(), "forever");
    for (int i = 0; i < 4; i++) {
      Screen screen = read.screen(i);
      assertEquals(layout.names().get(i), screen.name());
      assertEquals("localhost", screen.host());
      assertEquals(layout.windows().get(i), screen.window());
      assertEquals(
          dir.resolve("clips").resolve(Clips.fileName(screen.name())), read.clips(screen).get(0));
    }
  }

  @Test
  void nineSpanScreensAreAThreeByThreeGridEachShowingItsTileWithoutTheBezels() throws Exception {
    BenchLayout layout = BenchLayout.grid(9);
    Show show = Show.CLIPS_30.withContent(Show.Content.SPAN_CROPPED);

    Layout read =
        new LayoutReader().read(layout.write(dir.resolve("wall.json"), dir.resolve("clips"), show));

    assertEquals(960, layout.width());
    assertEquals(540, layout.height());
    assertEquals(new dev.wall.core.layout.Size(1000, 580), read.wall());
    Screen last = read.screen(8);
    assertEquals(new Rect(640, 360, 320, 180), last.window());
    assertEquals(new Rect(680, 400, 320, 180), last.region(), "two 20-pixel bezels to its left");
    assertEquals(
        dir.resolve("clips").resolve(Clips.spanFileName(3, 3, show)), read.clips(last).get(0));
  }
}
