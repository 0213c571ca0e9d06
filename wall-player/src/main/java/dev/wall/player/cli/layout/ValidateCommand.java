package dev.wall.player.cli.layout;

import dev.wall.core.layout.InvalidLayoutException;
import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import dev.wall.core.layout.Problem;
import dev.wall.player.cli.common.CommonOptions;
import dev.wall.player.display.DisplayStack;
import dev.wall.player.players.Board;
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

/** {@code wall validate FILE...}: every rule, every file, every problem, before anything runs. */
@Command(
    name = "validate",
    description = "Check layout files against every rule, without running anything.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  wall validate layouts/lobby.json",
      "  wall validate --check-media /srv/wall/layouts/*.json",
      "",
      "Prints 'FILE: ok' for each good file. Each problem is one line:",
      "FILE: JSON.PATH: what is wrong; how to fix it",
      "",
      "Exit codes: 0 every file is valid, 2 a file has a problem."
    })
public final class ValidateCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Layout files to check.")
  List<Path> files;

  @Option(
      names = "--check-media",
      description =
          "Also check that every clip exists under mediaRoot on this machine (leave it out on a"
              + " controller that does not mount the media share); on a Raspberry Pi 4 or 5, say how this node"
              + " decodes each of its screens' clips, and warn of those it cannot hold (H.264 above 1080p).")
  boolean checkMedia;

  @Override
  public Integer call() throws InvalidLayoutException {
    LayoutReader reader = new LayoutReader();
    List<Problem> problems = new ArrayList<>();
    for (Path file : files) {
      List<Problem> found = check(reader, file);
      if (found.isEmpty()) {
        spec.commandLine().getOut().println(file + ": ok");
      }
      problems.addAll(found);
    }
    spec.commandLine().getOut().flush();
    if (!problems.isEmpty()) {
      throw new InvalidLayoutException(problems);
    }
    return 0;
  }

  private List<Problem> check(LayoutReader reader, Path file) {
    try {
      Layout layout = reader.read(file);
      if (!checkMedia) {
        return List.of();
      }
      List<Problem> problems = reader.checkMedia(file.toString(), layout);
      if (problems.isEmpty()) {
        sayDecoding(file, layout);
      }
      return problems;
    } catch (InvalidLayoutException e) {
      return e.problems();
    }
  }

  /** On a Pi 4 or 5, how this node decodes its screens' clips: notes, and warnings, on stdout. */
  private void sayDecoding(Path file, Layout layout) {
    try {
      Path scratch =
          Path.of(System.getProperty("java.io.tmpdir"), "wall-" + System.getProperty("user.name"));
      NodeDecoding.lines(
              file.toString(), layout, scratch, Board.here(), DisplayStack.ofThisProcess())
          .forEach(spec.commandLine().getOut()::println);
    } catch (java.io.IOException | IllegalArgumentException e) {
      spec.commandLine()
          .getOut()
          .println(file + ": warning: could not probe the clips' codecs (" + e.getMessage() + ")");
    }
  }
}
