package dev.wall.player.wire;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.wall.core.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The running wall's status file, {@code status.json} in its run folder: written by the controller
 * ({@link StatusBoard}), replaced whole each time (a reader, or a power cut, never finds half of
 * one), read by {@code wall status}.
 */
public final class StatusFile {
  public static final String NAME = "status.json";
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private StatusFile() {}

  public static Path in(Path runDir) {
    return runDir.resolve(NAME);
  }

  public static void write(Path runDir, WallState state) throws IOException {
    AtomicFile.replacingLinks().write(in(runDir), JSON.writeValueAsBytes(state));
  }

  /** The status file in {@code runDir}, or empty when there is none. */
  public static Optional<WallState> read(Path runDir) throws IOException {
    Path file = in(runDir);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), WallState.class));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** The JSON a reader gets, as the file holds it. */
  public static String json(WallState state) throws IOException {
    return JSON.writeValueAsString(state);
  }

  /**
   * Whether the controller that wrote {@code state} still runs: its pid is alive and that process
   * started when the file says (a pid is reused once its process is gone).
   */
  public static boolean writerRunning(WallState state) {
    Optional<ProcessHandle> process = ProcessHandle.of(state.wall().pid());
    if (process.isEmpty() || !process.get().isAlive()) {
      return false;
    }
    Optional<Instant> started = process.get().info().startInstant();
    return started.isEmpty()
        || state.wall().processStartedAt() == null
        || started
            .get()
            .truncatedTo(ChronoUnit.SECONDS)
            .toString()
            .equals(state.wall().processStartedAt());
  }

  /** How this process's start is written, to the second, as {@link #writerRunning} compares it. */
  public static String ownStart() {
    return ProcessHandle.current()
        .info()
        .startInstant()
        .map(i -> i.truncatedTo(ChronoUnit.SECONDS).toString())
        .orElse(null);
  }
}
