package dev.wall.player.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wall.core.io.RotatingFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code wall play --report FILE}: one JSON line per loop ({@link dev.wall.player.wire.LoopReport},
 * per loop, per playlist item and per screen, with the time it ended and the count of loops and
 * items played so far), appended as each loop ends and rotated by size ({@value #LIMIT_BYTES}
 * bytes, {@value #GENERATIONS} older files kept as {@code FILE.1}, {@code FILE.2} ...). Nothing of
 * past loops is kept in memory but those two counts: a wall that runs for months writes for months.
 */
public final class PlayReport implements AutoCloseable {
  static final long LIMIT_BYTES = 4L << 20;
  static final int GENERATIONS = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final String layout;
  private RotatingFile lines;
  private long loopsPlayed;
  private long itemsPlayed;

  private PlayReport(Path file, String layout) {
    this.file = file;
    this.layout = layout;
  }

  /** A report appended to {@code file}, or kept nowhere when {@code file} is null. */
  public static PlayReport to(Path file, Path layout) {
    return new PlayReport(file, layout.toString());
  }

  /** Appends one loop, as rank 0 sent it, with the time it ended and the layout it played. */
  public synchronized void addLoop(String loopJson) {
    if (file == null) {
      return;
    }
    try {
      ObjectNode loop = (ObjectNode) JSON.readTree(loopJson);
      // A loop in which no screen played (all frozen or recovering) is reported, not counted.
      boolean anyPlayed = true;
      if (loop.path("screens").size() > 0) {
        anyPlayed = false;
        for (JsonNode screen : loop.path("screens")) {
          anyPlayed |= screen.path("played").asBoolean(true);
        }
      }
      if (anyPlayed) {
        loopsPlayed++;
        itemsPlayed += Math.max(1, loop.path("items").size());
      }
      ObjectNode line = JSON.createObjectNode();
      line.put("at", Instant.now().toString());
      line.put("layout", layout);
      line.put("loopsPlayed", loopsPlayed);
      line.put("itemsPlayed", itemsPlayed);
      line.setAll(loop);
      if (lines == null) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        lines = RotatingFile.open(file, LIMIT_BYTES, GENERATIONS);
      }
      lines.appendLine(JSON.writeValueAsString(line));
    } catch (IOException | ClassCastException e) {
      throw new UncheckedIOException(
          "could not write the report " + file,
          e instanceof IOException io ? io : new IOException(e));
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (lines != null) {
      lines.close();
      lines = null;
    }
  }
}
