package dev.wall.player.players;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clip on storage that does not answer is told from one that reads fine, within the deadline. A
 * FIFO with no writer stands in for a share whose server is gone: opening it blocks, as a read from
 * a hard NFS mount or a stopped FUSE server does.
 */
class MediaReachTest {
  @TempDir Path dir;

  @Test
  void aClipThatReadsIsFine() throws Exception {
    Path clip = Files.write(dir.resolve("a.mp4"), new byte[] {1, 2, 3});
    assertEquals(Optional.empty(), MediaReach.problem(clip, Duration.ofSeconds(2)));
  }

  @Test
  void aMissingClipIsNamed() {
    Optional<String> problem = MediaReach.problem(dir.resolve("gone.mp4"), Duration.ofSeconds(2));
    assertTrue(problem.orElseThrow().startsWith("reading " + dir.resolve("gone.mp4") + " failed"));
  }

  @Test
  void storageThatHangsIsNamedWithinTheDeadlineAndOneReadIsLeftWaiting() throws Exception {
    Path fifo = dir.resolve("share.mp4");
    Process mkfifo = new ProcessBuilder(List.of("mkfifo", fifo.toString())).start();
    assertEquals(0, mkfifo.waitFor());
    long start = System.nanoTime();
    String problem = MediaReach.problem(fifo, Duration.ofMillis(300)).orElseThrow();
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(problem.contains("did not return within 300 ms"), problem);
    assertTrue(problem.contains("does not answer"), problem);
    assertTrue(seconds < 2, "answered in " + seconds + " s");
    // Asked again, it waits on the same read; when the storage answers, that read completes.
    assertTrue(MediaReach.problem(fifo, Duration.ofMillis(100)).isPresent());
    try (OutputStream writer = Files.newOutputStream(fifo)) {
      writer.write(7);
    }
    assertEquals(Optional.empty(), MediaReach.problem(fifo, Duration.ofSeconds(5)));
  }
}
