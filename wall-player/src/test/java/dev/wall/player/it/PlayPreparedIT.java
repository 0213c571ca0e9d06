package dev.wall.player.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Rect;
import dev.wall.player.display.VirtualDisplay;
import dev.wall.player.testing.Cli;
import dev.wall.player.testing.ClipCache;
import dev.wall.player.testing.TestDisplay;
import dev.wall.player.testing.TestWall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wall play} after {@code wall media prepare}: the prepared clips while they hold, and the
 * sources, with the changed one named, once a source changed.
 */
class PlayPreparedIT {
  @TempDir Path dir;

  @Test
  void aSourceChangedSincePreparationIsNamedAndTheSourcesPlay() throws Exception {
    VirtualDisplay display = TestDisplay.shared();
    Map<String, Rect> windows =
        new TreeMap<>(Map.of("left", new Rect(0, 0, 160, 90), "right", new Rect(160, 0, 160, 90)));
    Path layout = TestWall.write(dir, 1, 2, windows);
    Cli prepared = Cli.run("media", "prepare", layout, "--board", "localhost=pc");
    assertEquals(0, prepared.code(), prepared.out() + prepared.err());

    Cli played = play(layout, display);
    assertEquals(0, played.code(), played.out() + played.err());
    assertTrue(
        played.out().lines().anyMatch(l -> l.startsWith("wall: playing the clips prepared")),
        played.out());

    Path other = ClipCache.barCoded("left", 160, 90, 2, 30, 200, 0);
    Files.copy(other, dir.resolve("left.mp4"), StandardCopyOption.REPLACE_EXISTING);
    Cli changed = play(layout, display);
    assertEquals(0, changed.code(), changed.out() + changed.err());
    assertTrue(
        changed
            .err()
            .contains(
                "wall: playing the sources, not the prepared clips: left.mp4 has changed since it"
                    + " was prepared; run wall media prepare "
                    + layout
                    + " to prepare it again"),
        changed.err());
    assertTrue(changed.out().lines().anyMatch(l -> l.startsWith("loop 1/1")), changed.out());
  }

  private Cli play(Path layout, VirtualDisplay display) {
    return Cli.run(
        "play", layout, "--display", display.display(), "--run-dir", dir.resolve("run").toString());
  }
}
