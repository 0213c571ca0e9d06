package dev.wall.player.launch;

import dev.wall.core.io.AtomicFile;
import dev.wall.core.layout.HostfileWriter;
import dev.wall.core.layout.Layout;
import dev.wall.player.cli.ExitCodes;
import dev.wall.player.cli.WallFailure;
import dev.wall.player.process.ChildProcess;
import dev.wall.player.process.ProcessDestroyer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The controller side of {@code wall play}: writes the hostfile and rankfile, starts mpirun with
 * one rank per screen, relays rank 0's lines, and turns mpirun's end into an exit code: 0 when
 * every loop played, 1 with the failed screens named, 3 when a rank or node was lost.
 */
public final class WallController {
  /** Rank 0 prefixes every failed screen's line with this, so it is told apart from MPI's noise. */
  public static final String FAILURE_PREFIX = "failed: ";
  /** Rank 0's status after each control round, for the live status line on a terminal. */
  public static final String STATUS_PREFIX = "status: ";
  /** Rank 0 sends each loop's figures as JSON on a line with this prefix. */
  public static final String REPORT_PREFIX = "report: ";
  /** Rank 0's lines for the console start with one of these; anything else is MPI's, kept in the log. */
  public static final List<String> CONSOLE_PREFIXES = List.of("loop ", "snapshot", "wall: ");
  private static final Pattern LOST_RANK = Pattern.compile("process rank (\\d+) with PID \\d+ on node (\\S+)");
  private static final Duration STOP_GRACE = Duration.ofMillis(1500);

  private final Layout layout;
  private final LocalMachine local;
  private final Path runDir;
  private final PrintWriter out;
  private final PrintWriter errors;
  private final PlayReport report;
  private final boolean quiet;
  private final boolean liveStatus;
  private final RankClassArchive archive;
  /** Under the autostart unit: a control round or a loop report from rank 0 proves the wall alive. */
  private final ServiceWatchdog watchdog;
  private int statusWidth;

  /**
   * @param report collects each loop's figures and rewrites the report file, if one was asked for
   * @param quiet leaves the console to failures only
   * @param liveStatus rewrites one status line after each control round (for a terminal)
   */
  public WallController(Layout layout, LocalMachine local, Path runDir, PrintWriter out, PrintWriter errors,
      PlayReport report,
      boolean quiet, boolean liveStatus) {
    this.layout = layout;
    this.local = local;
    this.runDir = runDir;
    this.out = out;
    this.errors = errors;
    this.report = report;
    this.quiet = quiet;
    this.liveStatus = liveStatus && !quiet;
    this.archive = RankClassArchive.forThisJvm();
    this.watchdog = ServiceWatchdog.fromEnvironment(System.getenv(), runDir);
  }

  public int play(RankLaunch launch, Map<String, String> environment) throws IOException {
    archive.ensureRecorded(launch.layout());
    List<String> argv = command(launch, environment.get("DISPLAY"));
    List<String> failures = new ArrayList<>();
    List<String> mpiLines = new ArrayList<>();
    Consumer<String> lines = line -> route(line, failures, mpiLines);
    ProcessDestroyer.instance().afterStoppingOnShutdown(() -> {
      errors.println("wall: stopped; every rank and player was stopped");
      errors.flush();
    });
    ChildProcess mpirun =
        ChildProcess.startRelayed("mpirun", argv, freshLog(), environment, lines, archive.rankDirectory());
    int code;
    try {
      code = mpirun.process().waitFor();
      mpirun.awaitRelay(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      mpirun.stop(STOP_GRACE);
      throw new WallFailure(ExitCodes.RUNTIME_FAILURE, "interrupted; every rank was stopped");
    }
    return verdict(code, failures, mpiLines);
  }

  /** mpirun's command line for this wall, with the hostfile it names written. */
  public List<String> command(RankLaunch launch, String display) throws IOException {
    Files.createDirectories(runDir);
    Path hostfile = runDir.resolve("hostfile");
    String hosts = new HostfileWriter(layout, launch.layout().toString()).hostfile();
    new AtomicFile().write(hostfile, hosts.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return MpirunCommand.argv(layout, local, hostfile, display, java(), classpath(), launch,
        archive.option().orElse(null));
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String classpath() {
    return System.getProperty("java.class.path");
  }

  private void route(String line, List<String> failures, List<String> mpiLines) {
    if (line.startsWith(STATUS_PREFIX) || line.startsWith(REPORT_PREFIX)) {
      watchdog.alive();
    }
    if (line.startsWith(FAILURE_PREFIX)) {
      failures.add(line.substring(FAILURE_PREFIX.length()));
      return;
    }
    if (line.startsWith(REPORT_PREFIX)) {
      report.addLoop(line.substring(REPORT_PREFIX.length()));
      return;
    }
    if (line.startsWith(STATUS_PREFIX)) {
      showStatus(line.substring(STATUS_PREFIX.length()));
      return;
    }
    if (CONSOLE_PREFIXES.stream().anyMatch(line::startsWith)) {
      if (!quiet) {
        clearStatus();
        out.println(line);
        out.flush();
      }
      return;
    }
    synchronized (mpiLines) {
      mpiLines.add(line);
    }
  }

  private synchronized void showStatus(String status) {
    if (liveStatus) {
      String padded = status + " ".repeat(Math.max(0, statusWidth - status.length()));
      out.print("\r" + padded);
      out.flush();
      statusWidth = status.length();
    }
  }

  private synchronized void clearStatus() {
    if (liveStatus && statusWidth > 0) {
      out.print("\r" + " ".repeat(statusWidth) + "\r");
      statusWidth = 0;
    }
  }

  /** One log per run, the previous one kept beside it: a wall that runs for months must not fill the disk. */
  private Path freshLog() throws IOException {
    Files.createDirectories(runDir);
    Path log = runDir.resolve("mpirun.log");
    if (Files.exists(log)) {
      Files.move(log, runDir.resolve("mpirun.log.1"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return log;
  }

  private int verdict(int code, List<String> failures, List<String> mpiLines) {
    if (code == 0) {
      return ExitCodes.OK;
    }
    if (ProcessDestroyer.instance().shuttingDown()) {
      return ExitCodes.RUNTIME_FAILURE; // said by the shutdown hook, see play()
    }
    if (!failures.isEmpty()) {
      throw new WallFailure(ExitCodes.RUNTIME_FAILURE, String.join("\nwall: ", failures));
    }
    throw new WallFailure(ExitCodes.NODE_LOST, lostMessage(code, mpiLines));
  }

  private String lostMessage(int code, List<String> mpiLines) {
    synchronized (mpiLines) {
      for (String line : mpiLines) {
        Matcher m = LOST_RANK.matcher(line);
        if (m.find()) {
          int rank = Integer.parseInt(m.group(1));
          String screen = rank < layout.screens().size() ? layout.screen(rank).name() : "?";
          return "rank " + rank + " (screen " + screen + ") on " + m.group(2)
              + " was lost; see " + runDir.resolve("mpirun.log");
        }
      }
    }
    return "mpirun ended with code " + code + " before the wall finished (a node or rank was lost); see "
        + runDir.resolve("mpirun.log");
  }

}
