package dev.wall.player.cli.layout;

import dev.wall.core.layout.HostfileWriter;
import dev.wall.core.layout.InvalidLayoutException;
import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import dev.wall.player.cli.common.CommonOptions;
import dev.wall.player.cli.common.ExitCodes;
import dev.wall.player.cli.common.WallFailure;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wall hostfile}: the Open MPI files that put rank i on screens[i].host. */
@Command(
    name = "hostfile",
    description = "Write the Open MPI hostfile and rankfile that put rank i on screens[i].host.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  wall hostfile lobby.json                   print both files",
      "  wall hostfile lobby.json --out wall.hosts  write wall.hosts, wall.rankfile",
      "",
      "Then: mpirun --hostfile wall.hosts --rankfile wall.rankfile -np SCREENS ...",
      "The rankfile places each rank; it stays right when screens are not grouped",
      "by host, and when a host drives two screens. Open MPI binds each rank to",
      "the core its 'slot' names.",
      "",
      "Exit codes: 0 ok, 1 a file could not be written, 2 the layout has a problem."
    })
public final class HostfileCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The layout file.")
  Path file;

  @Option(names = "--out", paramLabel = "PATH", description = "Write the hostfile here.")
  Path out;

  @Option(
      names = "--rankfile",
      paramLabel = "PATH",
      description = "Write the rankfile here (default: NAME.rankfile beside --out).")
  Path rankfileOut;

  @Option(names = "--dry-run", description = "Print what would be written, write nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws InvalidLayoutException {
    Layout layout = new LayoutReader().read(file);
    HostfileWriter writer = new HostfileWriter(layout, file.toString());
    PrintWriter stdout = spec.commandLine().getOut();
    if (out == null && rankfileOut == null) {
      stdout.print(writer.hostfile());
      stdout.println();
      stdout.print(writer.rankfile());
    } else {
      Path hosts = out != null ? out : siblingOf(rankfileOut, ".hosts");
      Path ranks = rankfileOut != null ? rankfileOut : siblingOf(out, ".rankfile");
      if (dryRun) {
        stdout.println("dry run: would write " + hosts + " and " + ranks);
      } else {
        write(writer, hosts, ranks);
        stdout.println("wrote " + hosts + " and " + ranks);
      }
      stdout.println("run: mpirun " + String.join(" ", writer.mpirunArgs(hosts, ranks)) + " ...");
    }
    stdout.flush();
    return ExitCodes.OK;
  }

  private static void write(HostfileWriter writer, Path hosts, Path ranks) {
    try {
      writer.write(hosts, ranks);
    } catch (IOException e) {
      throw new WallFailure(
          ExitCodes.RUNTIME_FAILURE,
          "cannot write " + hosts + " and " + ranks + " (" + e.getMessage() + ")");
    }
  }

  /** {@code wall.hosts} gives {@code wall.rankfile}; a name without extension gets one added. */
  static Path siblingOf(Path file, String extension) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    return file.resolveSibling(base + extension);
  }
}
