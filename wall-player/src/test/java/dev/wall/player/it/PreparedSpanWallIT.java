package dev.wall.player.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wall.core.layout.Rect;
import dev.wall.player.cli.WallCli;
import dev.wall.player.display.VirtualDisplay;
import dev.wall.player.playertest.Frames;
import dev.wall.player.process.Processes;
import dev.wall.player.testing.Cli;
import dev.wall.player.testing.ClipCache;
import dev.wall.player.testing.Poll;
import dev.wall.player.testing.Quiet;
import dev.wall.player.testing.TestDisplay;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wall media prepare} on a 3x3 span wall with bezels, then {@code wall play}, from pixels:
 * the span is nine bar-coded tiles with green bezel gaps between them, so each screen's prepared
 * clip, cut exactly, shows a whole bar code and no green.
 */
class PreparedSpanWallIT {
  private static final int TILE_WIDTH = 320;
  private static final int TILE_HEIGHT = 180;
  private static final int GAP = 20;
  private static final int SECONDS = 4;
  private static final int FPS = 30;
  private static final int FRAMES = SECONDS * FPS;
  private static final int WINDOW_WIDTH = 256;
  private static final int WINDOW_HEIGHT = 144;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  @Quiet
  void aPreparedSpanWallWithBezelsPlaysItsTilesWithinAFrame() throws Exception {
    VirtualDisplay display = TestDisplay.shared();
    ClipCache.copy(
        ClipCache.tiledSpan(3, 3, TILE_WIDTH, TILE_HEIGHT, GAP, SECONDS, FPS), dir, "panorama.mp4");
    Map<String, Rect> windows = new LinkedHashMap<>();
    StringBuilder screens = new StringBuilder();
    for (int i = 0; i < 9; i++) {
      int column = i % 3;
      int row = i / 3;
      Rect window =
          new Rect(column * WINDOW_WIDTH, row * WINDOW_HEIGHT, WINDOW_WIDTH, WINDOW_HEIGHT);
      windows.put("s" + i, window);
      screens.append(
          String.format(
              "%s{\"name\": \"s%d\", \"host\": \"localhost\", \"window\": {\"x\": %d, \"y\": %d,"
                  + " \"width\": %d, \"height\": %d}, \"region\": {\"x\": %d, \"y\": %d,"
                  + " \"width\": %d, \"height\": %d}}%n",
              i == 0 ? "" : ",",
              i,
              window.x(),
              window.y(),
              window.width(),
              window.height(),
              column * (TILE_WIDTH + GAP),
              row * (TILE_HEIGHT + GAP),
              TILE_WIDTH,
              TILE_HEIGHT));
    }
    Path layout = dir.resolve("atrium.json");
    Files.writeString(
        layout,
        "{\"version\": 1, \"player\": \"mpv\", \"loops\": 3, \"mediaRoot\": \""
            + dir
            + "\",\n \"wall\": {\"width\": "
            + (3 * TILE_WIDTH + 2 * GAP)
            + ", \"height\": "
            + (3 * TILE_HEIGHT + 2 * GAP)
            + "},\n \"span\": {\"media\": \"panorama.mp4\"},\n \"screens\": [\n"
            + screens
            + "]}\n");

    Cli prepared = Cli.run("media", "prepare", layout, "--jobs", "2");
    assertEquals(0, prepared.code(), prepared.out() + prepared.err());
    assertEquals(
        9, prepared.out().lines().filter(l -> l.contains(": encoded ")).count(), prepared.out());

    Path out = dir.resolve("prepared/atrium");
    JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
    assertEquals(9, manifest.get("files").size(), manifest.toString());
    Map<Path, FileTime> made = new LinkedHashMap<>();
    for (JsonNode entry : manifest.get("files")) {
      Path file = out.resolve(entry.get("file").asText());
      made.put(file, Files.getLastModifiedTime(file));
      String[] probed = probe(file);
      assertEquals(
          List.of("h264", "256", "144", "30/1", String.valueOf(FRAMES)),
          List.of(probed),
          file + ": its screen's size, the wall's rate, and every screen's frame count");
    }

    Cli again = Cli.run("media", "prepare", layout);
    assertEquals(0, again.code(), again.out() + again.err());
    assertTrue(again.out().contains("0 encoded, 9 unchanged"), again.out());
    for (Map.Entry<Path, FileTime> file : made.entrySet()) {
      assertEquals(
          file.getValue(), Files.getLastModifiedTime(file.getKey()), file.getKey() + " untouched");
    }

    StringWriter said = new StringWriter();
    StringWriter err = new StringWriter();
    CompletableFuture<Integer> play =
        CompletableFuture.supplyAsync(
            () ->
                WallCli.run(
                    new PrintWriter(said, true),
                    new PrintWriter(err, true),
                    "play",
                    layout.toString(),
                    "--display",
                    display.display(),
                    "--run-dir",
                    dir.resolve("run").toString()));
    try {
      Poll.until(
          Duration.ofSeconds(120),
          "the first loop to end",
          () -> said.toString().contains("loop 1/3") || play.isDone());
      List<Integer> spreads = new ArrayList<>();
      BufferedImage last = null;
      for (int i = 0; i < 6 && !play.isDone(); i++) {
        last = Frames.grab(display.display(), 3 * WINDOW_WIDTH, 3 * WINDOW_HEIGHT, dir);
        List<Integer> frames = new ArrayList<>();
        for (Rect window : windows.values()) {
          frames.add(Frames.frameNumber(last, window));
        }
        assertTrue(
            frames.stream().allMatch(f -> f >= 0), "a screen showed no readable frame: " + frames);
        spreads.add(spread(frames));
      }
      int code = play.get(90, TimeUnit.SECONDS);
      assertEquals(0, code, said + "\n" + err);
      assertTrue(
          said.toString().lines().anyMatch(l -> l.startsWith("wall: playing the clips prepared")),
          said.toString());
      assertTrue(spreads.size() >= 3, "screenshots taken while the wall played: " + spreads);
      assertTrue(
          spreads.stream().allMatch(s -> s <= 1),
          "frames apart on screen, per screenshot: " + spreads);
      for (Map.Entry<String, Rect> screen : windows.entrySet()) {
        String bezel = Frames.bezelProblem(last, screen.getValue());
        assertTrue(bezel == null, screen.getKey() + ": " + bezel);
      }
      System.out.println("prepared 3x3 span wall: spread per screenshot " + spreads);
    } finally {
      if (!play.isDone()) {
        play.get(120, TimeUnit.SECONDS);
      }
    }
  }

  /** The spread the short way round the loop. */
  private static int spread(List<Integer> frames) {
    int spread = 0;
    for (int a : frames) {
      for (int b : frames) {
        int d = Math.floorMod(a - b, FRAMES);
        spread = Math.max(spread, Math.min(d, FRAMES - d));
      }
    }
    return spread;
  }

  /** codec, width, height, frame rate and frames counted, as ffprobe reads them. */
  private static String[] probe(Path file) throws Exception {
    Processes.Outcome ffprobe =
        Processes.run(
            List.of(
                "ffprobe",
                "-v",
                "error",
                "-select_streams",
                "v:0",
                "-count_frames",
                "-show_entries",
                "stream=codec_name,width,height,r_frame_rate,nb_read_frames",
                "-of",
                "csv=p=0",
                file.toString()),
            "",
            Duration.ofSeconds(60),
            Map.of());
    assertEquals(0, ffprobe.exitCode(), ffprobe.stderr());
    return ffprobe.stdout().strip().split(",");
  }
}
