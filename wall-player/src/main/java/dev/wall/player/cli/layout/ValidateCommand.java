package dev.wall.player.cli.layout;

import dev.wall.core.layout.InvalidLayoutException;
import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import dev.wall.core.layout.Problem;
import dev.wall.player.cli.common.CommonOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

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
              + " controller that does not mount the media share); on a Pi 5, warn of this node's H.264 clips above"
              + " 720p, which it decodes in software.")
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
        warnPi5(file, layout);
      }
      return problems;
    } catch (InvalidLayoutException e) {
      return e.problems();
    }
  }

  /** On a Pi 5, clips of this node's screens it would decode in software: warnings, on stdout. */
  private void warnPi5(Path file, Layout layout) {
    Pi5Decoding.model(Pi5Decoding.MODEL).ifPresent(model -> {
      try {
        Path scratch = Path.of(System.getProperty("java.io.tmpdir"), "wall-" + System.getProperty("user.name"));
        Pi5Decoding.warnings(file.toString(), layout, scratch, model).forEach(spec.commandLine().getOut()::println);
      } catch (java.io.IOException e) {
        spec.commandLine().getOut().println(file + ": warning: could not probe the clips' codecs (" + e.getMessage() + ")");
      }
    });
  }
}
