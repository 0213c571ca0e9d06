package dev.wall.core.layout.edit;

import dev.wall.core.io.AtomicFile;
import dev.wall.core.layout.LayoutText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * An edit worked out and checked, not yet written: the text before and after, and one line per
 * change for the technician. The new text has already passed validation.
 */
public record LayoutEdit(Path file, LayoutText before, LayoutText after, List<String> changes) {

  public boolean changesAnything() {
    return !before.text().equals(after.text());
  }

  /**
   * Writes the new text atomically. If the file changed on disk since it was read, nothing is
   * written and {@link AtomicFile.ChangedMeanwhileException} says so.
   */
  public void write() throws IOException {
    if (changesAnything()) {
      new AtomicFile().replace(file, before.bytes(), after.bytes());
    }
  }
}
