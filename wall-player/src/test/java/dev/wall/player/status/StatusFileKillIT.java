package dev.wall.player.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.io.RunFolder;
import dev.wall.player.testing.Poll;
import dev.wall.player.testing.Project;
import dev.wall.player.wire.StatusFile;
import dev.wall.player.wire.WallState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power-cut safety of the status file, as near as a test gets to it: a process that writes it
 * without pause is killed (SIGKILL) at random points, 100 times; every time the file that is left
 * reads back whole, and the next start cleans what the interrupted writes left.
 */
class StatusFileKillIT {
  private static final int KILLS = 100;

  @TempDir Path dir;

  @Test
  void everyStatusFileLeftByAKilledWriterParses() throws Exception {
    Path runDir = RunFolder.prepare(dir.resolve("run"));
    Random random = new Random(13);
    int leftovers = 0;
    for (int kill = 0; kill < KILLS; kill++) {
      Path output = dir.resolve("writer.out");
      Process writer = new ProcessBuilder(Project.java(), "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp",
          Project.classpath(), StatusWriterFixture.class.getName(), runDir.toString())
          .redirectErrorStream(true).redirectOutput(output.toFile()).start();
      try {
        Poll.until(Duration.ofSeconds(30), "the writer's first status file", () -> {
          if (!writer.isAlive()) {
            throw new AssertionError("the writer ended: " + Files.readString(output));
          }
          return Files.readString(output).contains("writing");
        });
        LockSupport.parkNanos(random.nextInt(200_000_000));
      } finally {
        writer.destroyForcibly();
      }
      writer.waitFor();
      WallState left = StatusFile.read(runDir).orElseThrow(() -> new AssertionError("no status file"));
      assertTrue(left.status() != null && !left.status().screens().isEmpty(), "kill " + kill + ": " + left);
      try (var files = Files.list(runDir)) {
        leftovers += (int) files.filter(f -> f.getFileName().toString().endsWith(".wall-tmp")).count();
      }
      RunFolder.prepare(runDir); // the next start
      try (var files = Files.list(runDir)) {
        assertEquals(List.of(StatusFile.in(runDir)), files.toList(), "kill " + kill + ": only the status file is left");
      }
    }
    System.out.printf("%d kills of a status writer: every file parsed; %d interrupted writes left a temporary file,"
        + " each cleaned at the next start%n", KILLS, leftovers);
  }
}
