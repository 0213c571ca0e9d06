package dev.wall.bench.wall;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wall.player.process.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast-clock mpv wrapper, run for real with a stand-in for the real mpv that writes down what
 * it got: libfaketime goes to the one screen's player only, and arguments pass through untouched.
 */
class FastClockWrapperIT {
  @TempDir Path dir;

  private List<String> runWrapper(FastClock clock, Path record, String... args) throws Exception {
    Path standIn = dir.resolve("real-mpv");
    Files.writeString(
        standIn,
        "#!/bin/bash\n"
            + "{ printf 'FAKETIME=%s\\n' \"${FAKETIME:-}\"; printf 'LD_PRELOAD=%s\\n' \"${LD_PRELOAD:-}\";"
            + " printf 'arg=%s\\n' \"$@\"; } > \"$RECORD\"\n");
    Files.setPosixFilePermissions(standIn, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> env = new HashMap<>(clock.environment());
    env.put("WALL_BENCH_REAL_MPV", standIn.toString());
    env.put("RECORD", record.toString());
    List<String> argv = new ArrayList<>(List.of(dir.resolve("bin/mpv").toString()));
    argv.addAll(List.of(args));
    try (ChildProcess wrapper =
        ChildProcess.start("wrapper", argv, dir.resolve("wrapper.log"), env)) {
      assertEquals(
          0,
          wrapper.waitFor(Duration.ofSeconds(20)).orElse(-1),
          wrapper.lastLogLines(5).toString());
    }
    return Files.readAllLines(record);
  }

  @Test
  void theFastScreensPlayerGetsLibfaketimeAndItsArgumentsUntouched() throws Exception {
    FastClock clock = FastClock.install(dir.resolve("bin"), "s1");

    List<String> got =
        runWrapper(clock, dir.resolve("fast.txt"), "--pause", "--title=wall:s1", "--", "a b*.mp4");

    assertEquals(
        List.of(
            "FAKETIME=+0 x1.002",
            "LD_PRELOAD=" + FastClock.fakeTimeLibrary(),
            "arg=--pause",
            "arg=--title=wall:s1",
            "arg=--",
            "arg=a b*.mp4"),
        got);
  }

  @Test
  void everyOtherPlayerRunsOnTheRealClock() throws Exception {
    FastClock clock = FastClock.install(dir.resolve("bin"), "s1");

    List<String> got =
        runWrapper(clock, dir.resolve("plain.txt"), "--title=wall:s10", "--", "s1.mp4");

    assertEquals(
        List.of("FAKETIME=", "LD_PRELOAD=", "arg=--title=wall:s10", "arg=--", "arg=s1.mp4"), got);
  }
}
