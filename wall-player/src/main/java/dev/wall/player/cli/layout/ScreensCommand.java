package dev.wall.player.cli.layout;

import dev.wall.core.layout.InvalidLayoutException;
import dev.wall.core.layout.LayoutReader;
import dev.wall.player.cli.common.CommonOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wall screens FILE}: which rank drives which screen, and what it shows. */
@Command(
    name = "screens",
    description = "Print a table of the screens: rank, name, host, output, window, region, media.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  wall screens layouts/lobby.json",
      "",
      "Rank i drives screens[i]. WINDOW and REGION are WIDTHxHEIGHT+X+Y; a screen",
      "without a window fills its output.",
      "",
      "Exit codes: 0 ok, 2 the layout has a problem."
    })
public final class ScreensCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The layout file.")
  Path file;

  @Override
  public Integer call() throws InvalidLayoutException {
    spec.commandLine().getOut().print(ScreensTable.render(new LayoutReader().read(file)));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
