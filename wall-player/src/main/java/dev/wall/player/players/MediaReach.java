package dev.wall.player.players;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether a clip's storage answers: one read of its first byte, within a deadline. A read from a
 * share whose server is gone (a hard NFS mount, a FUSE server that stopped) hangs and cannot be
 * interrupted; its thread stays blocked until the share answers again. So each clip has at most one
 * read outstanding, and a later check waits on that same read rather than starting another.
 */
public final class MediaReach {
  private static final Map<Path, CompletableFuture<String>> READS = new ConcurrentHashMap<>();

  private MediaReach() {}

  /**
   * Empty when {@code clip}'s first byte could be read within {@code within}; else what went wrong,
   * naming the clip.
   */
  public static Optional<String> problem(Path clip, Duration within) {
    CompletableFuture<String> read = READS.computeIfAbsent(clip, MediaReach::startRead);
    try {
      String failure = read.get(within.toMillis(), TimeUnit.MILLISECONDS);
      READS.remove(clip, read);
      return Optional.ofNullable(failure);
    } catch (TimeoutException e) {
      return Optional.of(
          "reading "
              + clip
              + " did not return within "
              + within.toMillis()
              + " ms: the storage it is on does not answer (a media share whose server is gone or"
              + " unreachable); check the file server and the network to it");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException e) {
      READS.remove(clip, read);
      return Optional.of("reading " + clip + " failed: " + e.getCause());
    }
  }

  private static CompletableFuture<String> startRead(Path clip) {
    CompletableFuture<String> result = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (InputStream in = Files.newInputStream(clip)) {
                in.read();
                result.complete(null);
              } catch (IOException e) {
                result.complete("reading " + clip + " failed: " + e.getMessage());
              } catch (RuntimeException e) {
                result.completeExceptionally(e);
              }
            },
            "media-reach");
    reader.setDaemon(true);
    reader.start();
    return result;
  }
}
