package dev.wall.player.cli;

import dev.wall.core.layout.InvalidLayoutException;
import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import dev.wall.player.cli.common.CommonOptions;
import dev.wall.player.cli.common.ExitCodes;
import dev.wall.player.cli.common.Table;
import dev.wall.player.media.PreparedMedia;
import dev.wall.player.nodes.Checksums;
import dev.wall.player.nodes.Doctor;
import dev.wall.player.nodes.LocalMachine;
import dev.wall.player.nodes.RemoteNodes;
import dev.wall.player.nodes.Ssh;
import dev.wall.player.plan.DisplaySettings;
import dev.wall.player.versions.InstalledVersions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wall doctor LAYOUT}: checks every node the wall needs, and says how to fix what fails. */
@Command(
    name = "doctor",
    description =
        "Check every node of the wall, all at once, without changing anything: ssh with the wall's"
            + " key and recorded host key, names, versions, mpi.jar, player, display, media share, clips"
            + " (SHA-256 against this controller's copy), how each screen's clips are decoded there (and whether"
            + " the node can hold them), whether a Pi's video block decodes each clip (codec, profile,"
            + " level, size, frame rate), and what each node is.",
    footer = {
      "",
      "Examples:",
      "  wall doctor /srv/wall/lobby.json",
      "  wall doctor lobby.json --display :0",
      "",
      "Prints one row per screen and one column per check, then one fix per failure.",
      "Checksums are cached by path, size and time on each node, so a second run is quick.",
      "Exit codes: 0 every check passed, 1 a check failed, 2 bad input."
    })
public final class DoctorCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "LAYOUT", description = "The layout file (JSON).")
  Path layoutFile;

  @Option(
      names = "--media-root",
      paramLabel = "DIR",
      description = "Check DIR instead of the layout's mediaRoot.")
  Path mediaRoot;

  @Option(
      names = "--display",
      paramLabel = "DISPLAY",
      description = "The X display the ranks will use, instead of $DISPLAY (as for wall play).")
  String display;

  @Override
  public Integer call() throws InvalidLayoutException, IOException {
    Layout layout = new LayoutReader().read(layoutFile);
    if (mediaRoot != null) {
      layout = layout.withMediaRoot(mediaRoot.toAbsolutePath().toString());
    }
    // The clips wall play would play: the prepared ones, where they match the layout.
    PreparedMedia.Choice prepared =
        PreparedMedia.choose(
            layout,
            PreparedMedia.defaultDir(layoutFile, layout),
            layoutFile.toString(),
            Checksums.forThisUser());
    layout = prepared.layout();
    LocalMachine local = LocalMachine.detect();
    Path scratch = Files.createTempDirectory("wall-doctor");
    long started = System.nanoTime();
    List<Doctor.Row> rows;
    try {
      RemoteNodes nodes =
          RemoteNodes.forThisJvm(
              local::isThisMachine, Ssh.forThisUser(), List.of("-o", "StrictHostKeyChecking=yes"));
      rows =
          new Doctor(
                  layout,
                  nodes,
                  DisplaySettings.from(System.getenv(), display).variables(),
                  InstalledVersions.here(scratch),
                  layoutFile.toString())
              .examine();
    } finally {
      try (var files = Files.list(scratch)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(scratch);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "wall doctor: %s, %d screens on %d nodes, checked in %.1f s%n%n",
        layoutFile,
        layout.screens().size(),
        layout.hosts().size(),
        (System.nanoTime() - started) / 1e9);
    if (prepared.line() != null) {
      out.println(prepared.line().replaceFirst("^wall: playing", "wall doctor: checking"));
      out.println();
    }
    out.print(table(rows));
    List<String> fixes = fixes(rows);
    if (!fixes.isEmpty()) {
      out.println();
      out.println("To fix:");
      fixes.forEach(f -> out.println("  " + f));
    }
    out.flush();
    return rows.stream().allMatch(Doctor.Row::ok) ? ExitCodes.OK : ExitCodes.RUNTIME_FAILURE;
  }

  static String table(List<Doctor.Row> rows) {
    List<List<String>> lines = new ArrayList<>();
    List<String> headings = new ArrayList<>(List.of("SCREEN", "HOST"));
    Doctor.CHECKS.forEach(c -> headings.add(c.toUpperCase(Locale.ROOT)));
    headings.add("NODE");
    lines.add(headings);
    for (Doctor.Row row : rows) {
      List<String> line = new ArrayList<>(List.of(row.screen().name(), row.screen().host()));
      Doctor.CHECKS.forEach(c -> line.add(row.cells().get(c).text()));
      line.add(row.node());
      lines.add(line);
    }
    return Table.render(lines);
  }

  /** One line per failed check: the screen, its host, the check, and what to do. */
  static List<String> fixes(List<Doctor.Row> rows) {
    List<String> fixes = new ArrayList<>();
    for (Doctor.Row row : rows) {
      row.cells()
          .forEach(
              (check, cell) -> {
                if (!cell.ok() && cell.fix() != null) {
                  fixes.add(
                      row.screen().name()
                          + " on "
                          + row.screen().host()
                          + ": "
                          + check
                          + ": "
                          + cell.fix());
                }
              });
    }
    return fixes;
  }
}
