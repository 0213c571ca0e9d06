package dev.wall.player.cli.layout;

import dev.wall.core.io.AtomicFile;
import dev.wall.core.layout.edit.LayoutEdit;
import dev.wall.player.cli.common.ExitCodes;
import dev.wall.player.cli.common.WallFailure;
import java.io.IOException;
import java.io.PrintWriter;

/** How the editing commands report and save an edit that passed validation. */
final class Edits {
  private Edits() {}

  static int save(LayoutEdit edit, boolean dryRun, PrintWriter out) {
    edit.changes().forEach(out::println);
    if (!edit.changesAnything()) {
      out.println(edit.file() + " already says so; nothing to save");
    } else if (dryRun) {
      out.println("dry run: " + edit.file() + " not changed");
    } else {
      write(edit);
      out.println("saved " + edit.file());
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static void write(LayoutEdit edit) {
    try {
      edit.write();
    } catch (AtomicFile.ChangedMeanwhileException e) {
      throw new WallFailure(
          ExitCodes.RUNTIME_FAILURE,
          edit.file()
              + " changed on disk while wall was editing it; nothing saved, run the"
              + " command again");
    } catch (IOException e) {
      throw new WallFailure(
          ExitCodes.RUNTIME_FAILURE,
          "cannot save " + edit.file() + " (" + e.getMessage() + "); the file is unchanged");
    }
  }
}
