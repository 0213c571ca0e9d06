package dev.wall.player.cli.layout;

import dev.wall.core.layout.InvalidLayoutException;
import dev.wall.core.layout.Validator;
import dev.wall.core.layout.edit.LayoutEditor;
import dev.wall.player.cli.common.BadInputException;
import dev.wall.player.cli.common.CommonOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wall loops FILE N}: how many times the wall plays, saved in the layout. */
@Command(
    name = "loops",
    description = "Set how many times the wall plays its media, in the layout file.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  wall loops lobby.json 10         play 10 times",
      "  wall loops lobby.json forever    play until stopped (the same as 0)",
      "",
      "To change the count for one show only, use: wall play FILE --loops N",
      "",
      "Exit codes: 0 ok, 1 the file could not be saved, 2 bad input (nothing changed)."
    })
public final class LoopsCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The layout file.")
  Path file;

  @Parameters(
      index = "1",
      paramLabel = "N",
      description = "0 to " + Validator.MAX_LOOPS + ", or 'forever' (0).")
  String count;

  @Option(names = "--dry-run", description = "Show the change without saving it.")
  boolean dryRun;

  @Override
  public Integer call() throws InvalidLayoutException {
    return Edits.save(new LayoutEditor().loops(file, loops()), dryRun, spec.commandLine().getOut());
  }

  private int loops() {
    if (count.equalsIgnoreCase("forever")) {
      return 0;
    }
    try {
      long n = Long.parseLong(count.trim());
      if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
        throw new NumberFormatException();
      }
      return (int) n;
    } catch (NumberFormatException e) {
      throw new BadInputException(
          "N must be a whole number from 0 to "
              + Validator.MAX_LOOPS
              + ", or 'forever'; got '"
              + count
              + "'");
    }
  }
}
