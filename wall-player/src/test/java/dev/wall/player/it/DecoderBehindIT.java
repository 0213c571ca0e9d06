package dev.wall.player.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wall.core.sync.ScreenState;
import dev.wall.core.testing.Tools;
import dev.wall.player.display.VirtualDisplay;
import dev.wall.player.testing.Cli;
import dev.wall.player.testing.ClipCache;
import dev.wall.player.testing.Poll;
import dev.wall.player.testing.Quiet;
import dev.wall.player.testing.TestDisplay;
import dev.wall.player.testing.WallProcess;
import dev.wall.player.wire.WallStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A screen that falls behind because its decoder cannot keep up is named, not hidden (issue 23),
 * with real mpirun ranks and mpv players under Xvfb: one screen plays a light clip (320x180 at 30
 * fps), the other a clip its decoder truly cannot keep up with on a 2-core machine (3840x2160 at 60
 * fps, H.264 with noise at 20 Mb/s, decoded on one thread, {@code --vd-lavc-threads=1}, which the
 * layout may set): mpv drops about a quarter of its frames to keep time. {@code wall status} names
 * that screen and its host as falling behind and says what to do, the per-loop report line and the
 * {@code --report} file say it, the light screen is never named, and the wall plays on, neither
 * player replaced.
 *
 * <p>Quiet: the light screen's verdict (it keeps up) needs the CPU, and the heavy player takes a
 * whole core, which would crowd a test beside it that judges time.
 */
@Quiet
class DecoderBehindIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LOOP_LINE = Pattern.compile("^loop (\\d+)/1000: .*$");

  @TempDir Path dir;
  private WallProcess wall;

  @AfterEach
  void stop() throws Exception {
    if (wall != null) {
      wall.close();
    }
  }

  @Test
  void aScreenWhoseDecoderCannotKeepUpIsNamedInStatusAndReportWhileTheWallPlaysOn()
      throws Exception {
    Tools.require(
        Tools.available("mpirun", "mpv", "ffmpeg"),
        "a decoder's verdict needs mpirun, mpv, ffmpeg");
    VirtualDisplay display = TestDisplay.shared();
    ClipCache.into(dir, "light", 320, 180, 3, 70);
    ClipCache.copy(ClipCache.barCoded("heavy", 3840, 2160, 3, 60, 200, 0, "20M"), dir, "heavy.mp4");
    Path layout = dir.resolve("wall.json");
    Files.writeString(layout, layout());
    Path runDir = dir.resolve("run");
    Path report = dir.resolve("report.jsonl");

    wall =
        WallProcess.play(
            dir.resolve("wall.log"),
            layout.toString(),
            "--display",
            display.display(),
            "--run-dir",
            runDir.toString(),
            "--report",
            report.toString());
    wall.awaitReleased(Duration.ofSeconds(90));

    String status =
        Poll.until(
            Duration.ofSeconds(60),
            Duration.ofMillis(250),
            "wall status to name heavy as falling behind",
            () -> {
              assertTrue(wall.isAlive(), "wall play ended:\n" + wall.lastLines(20));
              String out = Cli.run("status", "--run-dir", runDir.toString()).out();
              return row(out, "heavy").contains("falling behind") ? out : null;
            });
    String heavy = row(status, "heavy");
    assertTrue(heavy.matches("heavy +localhost +playing, falling behind .*"), status);
    assertTrue(
        status
            .lines()
            .anyMatch(
                l ->
                    l.startsWith("screen heavy on localhost: falling behind")
                        && l.contains("its decoder cannot keep up")
                        && l.contains("give the node a clip it decodes in hardware")),
        "wall status says what to do:\n" + status);
    assertTrue(row(status, "light").matches("light +localhost +playing +\\d+ .*"), status);
    assertFalse(
        status.lines().anyMatch(l -> l.startsWith("screen light on ")),
        "light is not named:\n" + status);

    // The loop it fell behind in, and two more: the wall plays on.
    int behindIn =
        Poll.until(
            Duration.ofSeconds(30),
            "a loop line saying heavy falls behind",
            () ->
                loopLines(wall.log()).stream()
                    .filter(l -> l.contains("falling behind: heavy"))
                    .map(DecoderBehindIT::loopOf)
                    .findFirst()
                    .orElse(null));
    Poll.until(
        Duration.ofSeconds(30),
        "two more loops",
        () -> {
          assertTrue(wall.isAlive(), "wall play ended:\n" + wall.lastLines(20));
          return loopLines(wall.log()).stream().anyMatch(l -> loopOf(l) >= behindIn + 2);
        });

    String log = wall.log();
    System.out.println(status);
    loopLines(log).forEach(System.out::println);
    assertTrue(
        log.lines().anyMatch(l -> l.startsWith("screen heavy on localhost: falling behind")), log);
    for (String line : loopLines(log)) {
      assertFalse(line.matches(".*falling behind: (.*, )?light\\b.*"), line);
    }
    assertFalse(log.contains("screen light on"), "nothing happened to light:\n" + log);

    List<WallStatus.Screen> screens = WallProcess.screens(runDir).orElseThrow();
    for (WallStatus.Screen screen : screens) {
      assertEquals(ScreenState.PLAYING, screen.state(), screen.toString());
      assertEquals(0, screen.restarts(), "no player replaced: " + screen);
    }
    assertTrue(screens.get(1).droppedFrames() > 0, screens.toString());
    assertFalse(screens.get(0).behind(), screens.toString());

    List<JsonNode> loops = new ArrayList<>();
    for (String line : Files.readAllLines(report)) {
      loops.add(JSON.readTree(line));
    }
    assertTrue(
        loops.stream().anyMatch(l -> screen(l, "heavy").path("behind").asBoolean(false)),
        "the report file says heavy fell behind: " + loops);
    assertTrue(
        loops.stream().noneMatch(l -> screen(l, "light").path("behind").asBoolean(false)),
        "the report file never says light fell behind: " + loops);
  }

  /** light first: rank 0, whose 30 fps clip sets the wall's frame rate, keeps up. */
  private String layout() {
    return "{\"version\": 1, \"loops\": 1000, \"player\": \"mpv\", \"mediaRoot\": \""
        + dir
        + "\", \"screens\": ["
        + "{\"name\": \"light\", \"host\": \"localhost\", \"window\": {\"x\": 0, \"y\": 0,"
        + " \"width\": 320, \"height\": 180}, \"media\": \"light.mp4\"},"
        + "{\"name\": \"heavy\", \"host\": \"localhost\", \"window\": {\"x\": 320, \"y\": 0,"
        + " \"width\": 320, \"height\": 180}, \"media\": \"heavy.mp4\","
        + " \"playerArgs\": [\"--vd-lavc-threads=1\"]}]}";
  }

  /** The status table's row of {@code screen}, or "" when it has none. */
  private static String row(String status, String screen) {
    return status.lines().filter(l -> l.matches(screen + " {2,}.*")).findFirst().orElse("");
  }

  private static List<String> loopLines(String log) {
    return log.lines().filter(l -> LOOP_LINE.matcher(l).matches()).toList();
  }

  private static int loopOf(String line) {
    Matcher matcher = LOOP_LINE.matcher(line);
    return matcher.matches() ? Integer.parseInt(matcher.group(1)) : -1;
  }

  private static JsonNode screen(JsonNode loop, String name) {
    for (JsonNode screen : loop.path("screens")) {
      if (name.equals(screen.path("name").asText())) {
        return screen;
      }
    }
    return JSON.missingNode();
  }
}
