package dev.wall.player.playertest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Rect;
import dev.wall.player.testing.Poll;
import dev.wall.player.testing.ScreenStream;
import dev.wall.player.testing.TestDisplay;
import dev.wall.player.testing.WallProcess;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A playing wall switched to clips whose frames are numbered from {@code newFirstFrame}, watched in
 * screenshots every 100 ms (one {@link ScreenStream}) from just before the change until every
 * screen has shown the new clip for a second: what each screenshot read, the tiles that were black,
 * and the first screenshot in which every screen showed the new clip. A wall that ends meanwhile
 * fails at once.
 *
 * @param seen each screenshot's frame numbers, one per window
 * @param black "screen in screenshot i" for each black tile
 * @param firstAllNew the index of the first screenshot with every screen on the new clip, or -1
 */
public record SeamSwitch(List<int[]> seen, List<String> black, int firstAllNew) {
  /** A change to a playing wall: a layout saved, say. */
  @FunctionalInterface
  public interface Change {
    void make() throws Exception;
  }

  public static SeamSwitch watch(
      String display,
      Map<String, Rect> windows,
      int newFirstFrame,
      Duration deadline,
      Path log,
      WallProcess wall,
      Change change)
      throws Exception {
    List<int[]> seen = new ArrayList<>();
    List<String> black = new ArrayList<>();
    int firstAllNew = -1;
    try (ScreenStream stream =
        ScreenStream.start(display, TestDisplay.WIDTH, TestDisplay.HEIGHT, 10, log)) {
      change.make();
      Poll.until(
          deadline,
          "every screen on the new clip for a second",
          () -> {
            if (!wall.isAlive()) {
              throw new AssertionError("wall play ended: " + wall.lastLines(10));
            }
            List<BufferedImage> shots = stream.shots();
            for (int i = 0; i < shots.size(); i++) {
              if (Arrays.stream(frames(shots.get(i), windows)).allMatch(f -> f >= newFirstFrame)) {
                return shots.size() > i + 10;
              }
            }
            return false;
          });
      List<BufferedImage> shots = stream.shots();
      for (int i = 0; i < shots.size(); i++) {
        int[] frames = frames(shots.get(i), windows);
        seen.add(frames);
        for (Map.Entry<String, Rect> screen : windows.entrySet()) {
          if (Frames.meanLuma(shots.get(i), screen.getValue()) < 8) {
            black.add(screen.getKey() + " in screenshot " + i);
          }
        }
        if (firstAllNew < 0 && Arrays.stream(frames).allMatch(f -> f >= newFirstFrame)) {
          firstAllNew = i;
        }
      }
    }
    return new SeamSwitch(seen, black, firstAllNew);
  }

  /** The screenshots' frame numbers, for a message. */
  public String shots() {
    return seen.stream().map(Arrays::toString).toList().toString();
  }

  /**
   * Every screen showed the new clip, in one screenshot within a frame of each other, and no tile
   * was black.
   */
  public void assertOneSeamNoBlack(String wallLog) {
    assertTrue(firstAllNew >= 0, "every screen showed the new clip: " + shots() + "\n" + wallLog);
    assertEquals(List.of(), black, "no tile black around the switch: " + shots());
    int[] switched = seen.get(firstAllNew);
    assertTrue(
        Arrays.stream(switched).max().getAsInt() - Arrays.stream(switched).min().getAsInt() <= 1,
        "one seam, the same frame: " + shots());
  }

  /** Each window's frame number in {@code image}. */
  public static int[] frames(BufferedImage image, Map<String, Rect> windows) {
    return windows.values().stream().mapToInt(w -> Frames.frameNumber(image, w)).toArray();
  }

  /** Writes {@code text} beside {@code file}, then renames it onto the file, as editors save. */
  public static void replace(Path file, String text) throws Exception {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".new");
    Files.writeString(tmp, text);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
