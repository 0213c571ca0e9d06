package dev.wall.player.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.wall.player.testing.Cli;
import dev.wall.player.testing.ClipCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wall play} refuses a playlist whose item 2 is 3 s on one screen and 2 s on the other, with
 * the exact line, exit 2 and nothing started: real clips from make-clip, read by the real ffprobe.
 */
class UnevenItemsIT {
  @TempDir Path dir;

  @Test
  void anItemOfUnevenLengthIsRefusedBeforeAnythingStarts() throws Exception {
    for (String[] clip : new String[][] {{"a1", "2"}, {"a2", "3"}, {"b1", "2"}, {"b2", "2"}}) {
      ClipCache.into(dir, clip[0], 160, 90, Double.parseDouble(clip[1]), 0);
    }
    Path layout = dir.resolve("show.json");
    Files.writeString(
        layout,
        "{\"version\": 1, \"player\": \"mpv\", \"mediaRoot\": \""
            + dir
            + "\", \"screens\": ["
            + "{\"name\": \"a\", \"host\": \"localhost\", \"window\": {\"x\": 0, \"y\": 0, \"width\": 160, \"height\": 90},"
            + " \"media\": [\"a1.mp4\", \"a2.mp4\"]},"
            + "{\"name\": \"b\", \"host\": \"localhost\", \"window\": {\"x\": 160, \"y\": 0, \"width\": 160, \"height\": 90},"
            + " \"media\": [\"b1.mp4\", \"b2.mp4\"]}]}");
    Path runDir = dir.resolve("run");
    Cli said = Cli.run("play", layout, "--run-dir", runDir);

    assertEquals(
        List.of(
            layout
                + ": screens[1].media[1]: item 2 lasts 2.000 s on b, but 3.000 s on a: more than a"
                + " frame (33 ms) apart; make item 2 equally long on every screen, or set \"unevenItems\": \"hold\" to hold"
                + " the shorter clips' last frame"),
        said.errLines());
    assertEquals(2, said.code());
    assertEquals("", said.out());
    assertFalse(Files.exists(runDir.resolve("hostfile")), "nothing was started: no hostfile");
    assertFalse(Files.exists(runDir.resolve("mpirun.log")), "nothing was started: no mpirun");
  }
}
