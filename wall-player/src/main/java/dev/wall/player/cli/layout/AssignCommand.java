package dev.wall.player.cli.layout;

import dev.wall.core.layout.InvalidLayoutException;
import dev.wall.core.layout.edit.LayoutEdit;
import dev.wall.core.layout.edit.LayoutEditor;
import dev.wall.player.cli.common.BadInputException;
import dev.wall.player.cli.common.CommonOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wall assign}: which clip a screen plays, set in the layout file itself. */
@Command(
    name = "assign",
    description = "Set the clip a screen plays, or swap two screens' clips, in the layout file.",
    customSynopsis = {
      "wall assign FILE SCREEN MEDIA [MEDIA...] [--dry-run]",
      "       wall assign FILE SCREEN --span [--dry-run]",
      "       wall assign FILE --swap SCREEN SCREEN [--dry-run]"
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  wall assign lobby.json left summer/left.mp4   left plays summer/left.mp4",
      "  wall assign show.json left intro.mp4 main.mp4 left plays a playlist: intro, then main",
      "  wall assign lobby.json left --span            left shows its part of the span",
      "  wall assign lobby.json --swap left right      left and right trade clips",
      "",
      "SCREEN is a screen's name (or its rank). MEDIA is relative to mediaRoot; several",
      "are a playlist, played in order. Every screen's playlist has as many items.",
      "Only the changed value is rewritten; the rest of the file keeps every byte.",
      "The file is saved through a temporary file and a rename. An edit that would",
      "break a rule is refused, and nothing is written.",
      "",
      "Exit codes: 0 ok, 1 the file could not be saved, 2 bad input (nothing changed)."
    })
public final class AssignCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The layout file.")
  Path file;

  @Parameters(
      index = "1..*",
      paramLabel = "SCREEN MEDIA",
      description = "The screen and its clip, or its playlist.")
  List<String> screenAndMedia = new ArrayList<>();

  @Option(
      names = "--swap",
      arity = "2",
      paramLabel = "SCREEN",
      description = "Swap two screens' clips.")
  List<String> swap;

  @Option(names = "--span", description = "The screen drops its own clip and shows the span.")
  boolean span;

  @Option(names = "--dry-run", description = "Show the change without saving it.")
  boolean dryRun;

  @Override
  public Integer call() throws InvalidLayoutException {
    LayoutEditor editor = new LayoutEditor();
    LayoutEdit edit;
    if (swap != null) {
      expect(screenAndMedia.isEmpty() && !span, "--swap takes two screens and nothing else");
      edit = editor.swap(file, swap.get(0), swap.get(1));
    } else if (span) {
      expect(screenAndMedia.size() == 1, "--span takes one screen: wall assign FILE SCREEN --span");
      edit = editor.showSpan(file, screenAndMedia.get(0));
    } else {
      expect(
          screenAndMedia.size() >= 2,
          "give a screen and a clip: wall assign FILE SCREEN MEDIA [MEDIA...]");
      edit =
          editor.assign(
              file, screenAndMedia.get(0), screenAndMedia.subList(1, screenAndMedia.size()));
    }
    return Edits.save(edit, dryRun, spec.commandLine().getOut());
  }

  private static void expect(boolean ok, String usage) {
    if (!ok) {
      throw new BadInputException(usage + " (see wall assign --help)");
    }
  }
}
