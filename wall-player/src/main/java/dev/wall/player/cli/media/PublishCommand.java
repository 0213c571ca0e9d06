package dev.wall.player.cli.media;

import dev.wall.core.layout.InvalidLayoutException;
import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import dev.wall.player.cli.common.BadInputException;
import dev.wall.player.cli.common.CommonOptions;
import dev.wall.player.cli.common.ExitCodes;
import dev.wall.player.cli.common.WallFailure;
import dev.wall.player.media.NodeCache;
import dev.wall.player.media.PreparedMedia;
import dev.wall.player.media.PublishPlan;
import dev.wall.player.media.PublishRecord;
import dev.wall.player.media.Publisher;
import dev.wall.player.nodes.Checksums;
import dev.wall.player.nodes.LocalMachine;
import dev.wall.player.nodes.Ssh;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wall publish LAYOUT}: each node's clips into a cache on that node, by content, verified
 * there.
 */
@Command(
    name = "publish",
    description =
        "Put each node's clips (the prepared ones where they match the layout, else the layout's"
            + " own) into a cache on that node, each file named by its SHA-256, sent over the"
            + " wall's ssh (rsync where both ends have it) and verified on the node before it is"
            + " put in place. A file already there whole is not sent again. The least recently"
            + " used files this layout does not need go once the cache is over its limit.",
    footer = {
      "",
      "Examples:",
      "  wall publish /srv/wall/lobby.json",
      "  wall publish lobby.json --keep 8GiB",
      "  wall publish lobby.json --cache /srv/wall-cache --transport ssh",
      "",
      "One line per node: sent, already there, failed and why. What was published is recorded in",
      "mediaRoot/published/NAME.json (NAME: the layout's file name without .json).",
      "Exit codes: 0 every node holds its files, verified; 1 a file failed; 2 bad input;",
      "3 a node could not be reached."
    })
public final class PublishCommand implements Callable<Integer> {
  private static final Pattern SIZE =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]i?b?|b)?", Pattern.CASE_INSENSITIVE);

  @Mixin CommonOptions common;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "LAYOUT", description = "The layout file (JSON).")
  Path layoutFile;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description = "The cache folder on every node, default /var/cache/wall/media.")
  Path cache = NodeCache.DEFAULT_DIR;

  @Option(
      names = "--keep",
      paramLabel = "SIZE",
      description =
          "Keep each node's cache under SIZE (such as 20GiB, 500MB), removing the least recently"
              + " used files this layout does not need; default 20GiB.")
  String keep = "20GiB";

  @Option(
      names = "--transport",
      paramLabel = "HOW",
      description =
          "auto (rsync where this machine and the node have it, else a copy over ssh), rsync or"
              + " ssh; default auto.")
  String transport = "auto";

  @Option(
      names = "--prepared",
      paramLabel = "DIR",
      description =
          "Publish the clips wall media prepare made in DIR (default: mediaRoot/prepared/NAME),"
              + " when they still match the layout.")
  Path prepared;

  @Option(
      names = "--sources",
      description = "Publish the layout's own clips, even where prepared ones match.")
  boolean sources;

  @Override
  public Integer call() throws InvalidLayoutException, IOException {
    Layout layout = new LayoutReader().read(layoutFile);
    long keepBytes = bytes(keep);
    Publisher.Transport how = transport(transport);
    if (!cache.isAbsolute() || !cache.normalize().equals(cache) || cache.getNameCount() < 2) {
      throw new BadInputException(
          "--cache "
              + cache
              + " must be an absolute folder path at least two levels down, without . or ..,"
              + " such as /var/cache/wall/media");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Checksums checksums = Checksums.forThisUser();
    String from = "sources";
    if (!sources) {
      PreparedMedia.Choice choice =
          PreparedMedia.choose(
              layout,
              prepared == null ? PreparedMedia.defaultDir(layoutFile, layout) : prepared,
              layoutFile.toString(),
              checksums);
      if (choice.line() != null) {
        (choice.used() ? out : err).println(choice.line().replace("playing", "publishing"));
      }
      if (choice.used()) {
        layout = choice.layout();
        from = choice.dir().toString();
      }
    }
    PublishPlan.Plan plan;
    try {
      plan = PublishPlan.plan(layout, path -> readable(path, checksums));
    } finally {
      checksums.save();
    }
    int files = plan.files().values().stream().mapToInt(List::size).sum();
    out.printf(
        Locale.ROOT,
        "wall publish: %s: %d files to %d nodes, into %s on each%n",
        layoutFile,
        files,
        plan.files().size(),
        cache);
    out.flush();
    Ssh ssh = Ssh.forThisUser();
    List<String> strict = List.of("-o", "StrictHostKeyChecking=yes");
    LocalMachine local = LocalMachine.detect();
    Optional<String> rsyncShell =
        onPath("rsync") ? ssh.rsyncShell(Duration.ofSeconds(10), strict) : Optional.empty();
    if (how == Publisher.Transport.RSYNC && rsyncShell.isEmpty()) {
      throw new BadInputException(
          "--transport rsync: rsync is not installed on this machine (apt-get install rsync), or"
              + " use --transport auto");
    }
    Path recordFile = PublishRecord.defaultFile(layoutFile, layout);
    Map<String, java.util.Set<String>> playing = playing(recordFile, err);
    Map<String, Publisher.NodeReport> reports =
        new Publisher(
                host -> new NodeCache(host, local.isThisMachine(host), ssh, strict, cache),
                how,
                rsyncShell,
                keepBytes,
                host -> playing.getOrDefault(host, java.util.Set.of()))
            .publish(plan);
    boolean unreached = false;
    boolean failed = false;
    for (Publisher.NodeReport report : reports.values()) {
      out.println(line(report, keepBytes));
      for (Publisher.Failure failure : report.failures()) {
        out.println("  " + advice(report, failure));
      }
      unreached |= report.unreached() != null;
      failed |= !report.failures().isEmpty();
    }
    try {
      PublishRecord.of(layoutFile.toString(), layout, plan, reports, from, keepBytes)
          .write(recordFile);
    } catch (IOException e) {
      err.println("wall publish: could not write the record " + recordFile + ": " + e.getMessage());
    }
    out.println(
        failed
            ? "wall publish: not every node holds its clips; see above, then run wall publish again"
            : "wall publish: every node holds its clips, verified; recorded in " + recordFile);
    out.flush();
    if (unreached) {
      return ExitCodes.NODE_LOST;
    }
    return failed ? ExitCodes.RUNTIME_FAILURE : ExitCodes.OK;
  }

  /**
   * Each host's files in the record this publish replaces: what a wall playing this layout from the
   * caches plays now, which the cleanup must leave, whatever the limit.
   */
  private static Map<String, java.util.Set<String>> playing(Path recordFile, PrintWriter err) {
    try {
      return PublishRecord.read(recordFile).map(PublishRecord::namesByHost).orElse(Map.of());
    } catch (IOException | RuntimeException e) {
      err.println(
          "wall publish: the last record "
              + recordFile
              + " cannot be read ("
              + e.getMessage()
              + "); the cleanup may remove what a running wall plays");
      return Map.of();
    }
  }

  private static String readable(Path clip, Checksums checksums) throws IOException {
    if (!Files.isRegularFile(clip) || !Files.isReadable(clip)) {
      throw new WallFailure(
          ExitCodes.BAD_INPUT,
          clip + " is missing or cannot be read; put the clip there, or name the right file");
    }
    return checksums.sha256(clip);
  }

  static String line(Publisher.NodeReport r, long keepBytes) {
    StringBuilder line = new StringBuilder(r.host()).append(": sent ").append(r.sent());
    if (r.repaired() > 0) {
      line.append(" (").append(r.repaired()).append(" of them damaged there: replaced)");
    }
    line.append(", already there ")
        .append(r.alreadyThere())
        .append(", failed ")
        .append(r.failures().size());
    if (r.unreached() != null) {
      return line.append(": ").append(r.unreached()).toString();
    }
    line.append(" (").append(r.transport()).append(")");
    if (r.removed() > 0) {
      line.append("; removed ")
          .append(r.removed())
          .append(" old ")
          .append(r.removed() == 1 ? "file" : "files")
          .append(" (")
          .append(human(r.removedBytes()))
          .append(")");
    }
    line.append("; cache ").append(human(r.keptBytes())).append(" of ").append(human(keepBytes));
    if (r.neededBytes() > keepBytes) {
      line.append(", over the limit with this layout's own files alone: raise --keep");
    }
    return line.toString();
  }

  /** One failure: the screen, the host, what happened, what to do. */
  static String advice(Publisher.NodeReport r, Publisher.Failure f) {
    String where = (f.screen().isEmpty() ? "" : f.screen() + " on ") + r.host();
    String todo;
    if (r.unreached() != null && !folderProblem(r.unreached())) {
      todo = "check the node with wall doctor, then run wall publish again";
    } else if (folderProblem(f.what())) {
      todo =
          "make "
              + r.cache()
              + " a folder the wall's user can write there (sudo install -d -o USER "
              + r.cache()
              + "), or name another with --cache";
    } else {
      todo =
          "run wall publish again; if it fails again, check the node's disk (df -h) and wall doctor";
    }
    String what =
        f.source().equals(r.cache()) ? f.what() : f.source() + " was not put there: " + f.what();
    return where + ": " + what + "; " + todo;
  }

  private static boolean folderProblem(String what) {
    return what.contains("cannot create")
        || what.contains("cannot write")
        || what.contains("not a folder")
        || what.contains("symbolic link");
  }

  static Publisher.Transport transport(String text) {
    try {
      return Publisher.Transport.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--transport " + text + ": say auto, rsync or ssh");
    }
  }

  /** {@code 20GiB}, {@code 500MB}, {@code 1.5T}, or bytes; K, M, G and T count in 1024s. */
  static long bytes(String text) {
    Matcher m = SIZE.matcher(text.strip());
    if (m.matches()) {
      double number = Double.parseDouble(m.group(1));
      String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
      int power = "bkmgt".indexOf(unit.charAt(0));
      double value = number * Math.pow(1024, power);
      if (value >= 1 && value < 1L << 62) {
        return (long) value;
      }
    }
    throw new BadInputException(
        "--keep " + text + " is not a size; say, for example, 20GiB or 500MB");
  }

  static String human(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return unit == 0
        ? bytes + " B"
        : String.format(
            Locale.ROOT,
            value >= 100 || value == Math.rint(value) ? "%.0f %s" : "%.1f %s",
            value,
            units[unit]);
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
