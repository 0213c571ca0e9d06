package dev.wall.core.setup;

import dev.wall.core.io.AtomicFile;
import dev.wall.core.io.FileAttrs;
import java.io.PrintWriter;

/**
 * What an action needs to run: the tree, the writer, the journal, the module it belongs to, whether
 * this is a dry run (then diffs go to {@code out} and nothing is written), and whether this process
 * may change owners (only root may).
 */
public record ActionContext(
    SystemTree tree,
    AtomicFile writer,
    Journal journal,
    String module,
    boolean dryRun,
    boolean mayChown,
    PrintWriter out) {

  public ActionContext forModule(String name) {
    return new ActionContext(tree, writer, journal, name, dryRun, mayChown, out);
  }

  public FileAttrs owned(FileAttrs attrs) {
    return mayChown ? attrs : new FileAttrs(attrs.mode(), -1, -1);
  }
}
