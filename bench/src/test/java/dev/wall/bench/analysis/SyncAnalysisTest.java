package dev.wall.bench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.wall.bench.code.TileReading;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Screenshots taken every 100 ms of a 2-screen wall on a 60-frame clip (2 s at 30 fps). */
class SyncAnalysisTest {
  private static final int CLIP = 60;
  private static final long MS = 1_000_000;
  private final SyncAnalysis analysis = new SyncAnalysis(CLIP);
  private final List<Sample> samples = new ArrayList<>();

  /** Adds a screenshot at {@code ms}: each argument a frame number, or B / U. */
  private void shot(long ms, String... tiles) {
    List<TileReading> readings = new ArrayList<>();
    for (String tile : tiles) {
      readings.add(
          switch (tile) {
            case "B" -> TileReading.blank();
            case "U" -> TileReading.undecodable();
            default -> TileReading.decoded(Integer.parseInt(tile), false);
          });
    }
    samples.add(new Sample(ms * MS, readings));
  }

  @Test
  void startUpIsTheFirstScreenshotWithEveryScreenPastFrameZero() {
    shot(100, "B", "B");
    shot(200, "0", "B");
    shot(300, "0", "0");
    shot(400, "1", "0");
    shot(500, "3", "2");
    shot(600, "6", "5");

    SyncFigures figures = analysis.analyse(samples, 0);

    assertEquals(0.5, figures.startupSeconds(), 1e-9);
    assertEquals(2, figures.samples(), "screenshots before start-up do not count");
    assertEquals(0, figures.blankTiles());
    assertEquals(1.0, figures.medianSpread());
  }

  @Test
  void aWallThatNeverMovesDidNotStart() {
    shot(100, "0", "0");
    shot(200, "0", "0");

    SyncFigures figures = analysis.analyse(samples, 0);

    assertFalse(figures.started());
    assertEquals(0, figures.samples());
  }

  @Test
  void spreadIsTakenOnlyWhereEveryTileRead() {
    shot(100, "3", "3");
    shot(200, "6", "4");
    shot(300, "9", "B");
    shot(400, "12", "12");

    SyncFigures figures = analysis.analyse(samples, 0);

    assertEquals(3, figures.decodedSamples());
    assertEquals(2, figures.maxSpread());
    assertEquals(new TreeMap<>(Map.of(0, 2, 2, 1)), figures.spreadCounts());
    assertEquals(1, figures.blankTiles());
  }

  @Test
  void blankTilesAtASeamAreCountedThereAndTheSeamSpreadGoesTheShortWay() {
    // Loop 1 plays, holds its last frame, one screen goes black at the seam, loop 2 plays.
    int ms = 100;
    for (int frame = 1; frame < 57; frame += 3, ms += 100) {
      shot(ms, String.valueOf(frame), String.valueOf(frame));
    }
    shot(ms, "59", "59");
    shot(ms += 100, "59", "B");
    shot(ms += 100, "0", "U");
    shot(ms += 100, "2", "1");
    for (int frame = 5; frame < 40; frame += 3) {
      shot(ms += 100, String.valueOf(frame), String.valueOf(frame));
    }

    SyncFigures figures = analysis.analyse(samples, 0);

    assertEquals(1, figures.seams());
    assertEquals(2, figures.failedTilesAtSeams());
    assertEquals(1, figures.blankTiles());
    assertEquals(1, figures.undecodableTiles());
    assertEquals(1, figures.maxSpread(), "59 next to 0 is one frame; 2 next to 1 too");
    assertEquals(2, figures.loops().size());
    assertEquals(2, figures.loops().get(0).failedTiles(), "the seam belongs to the loop it ends");
  }

  @Test
  void screenshotsWithinHalfASecondOfASeamAreAtTheSeam() {
    shot(100, "3", "3");
    shot(1000, "40", "40");
    shot(1400, "52", "52");
    shot(1600, "58", "B");
    shot(1700, "1", "1");
    shot(2100, "13", "13");
    shot(2300, "19", "19");

    SyncFigures figures = analysis.analyse(samples, 0);

    assertEquals(1, figures.seams());
    assertEquals(
        5, figures.seamSamples(), "1400 to 2100 ms: the seam runs 1400..1700, plus 500 ms");
    assertEquals(1, figures.failedTilesAtSeams());
  }

  @Test
  void wrapsOfDifferentScreensCloseTogetherAreOneSeam() {
    shot(100, "57", "58");
    shot(200, "59", "1");
    shot(300, "2", "4");
    shot(9000, "50", "50");
    shot(10000, "10", "10");

    assertEquals(2, analysis.seams(samples).size());
  }
}
