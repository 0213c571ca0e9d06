package dev.wall.player.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import dev.wall.core.io.AtomicFile;
import java.nio.file.Path;

/**
 * {@code wall play --report FILE.json}: every loop's figures, per loop, per playlist item and per
 * screen, with the count of loops and items played so far, rewritten atomically after each loop
 * so a wall that dies mid-show still leaves a readable report.
 */
public final class PlayReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;
  private final ObjectNode root = JSON.createObjectNode();
  private final ArrayNode loops;
  private int itemsPlayed;

  private PlayReport(Path file, String layout) {
    this.file = file;
    root.put("layout", layout);
    root.put("loopsPlayed", 0);
    root.put("itemsPlayed", 0);
    loops = root.putArray("loops");
  }

  /** A report written to {@code file}, or kept nowhere when {@code file} is null. */
  public static PlayReport to(Path file, Path layout) {
    return new PlayReport(file, layout.toString());
  }

  public synchronized void addLoop(String loopJson) {
    try {
      JsonNode loop = JSON.readTree(loopJson);
      loops.add(loop);
      itemsPlayed += Math.max(1, loop.path("items").size());
      root.put("loopsPlayed", loops.size());
      root.put("itemsPlayed", itemsPlayed);
      if (file != null) {
        write();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the report " + file, e);
    }
  }

  public synchronized int loopCount() {
    return loops.size();
  }

  private void write() throws IOException {
    new AtomicFile().write(file, JSON.writeValueAsBytes(root));
  }
}
