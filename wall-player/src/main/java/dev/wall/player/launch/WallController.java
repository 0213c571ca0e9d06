package dev.wall.player.launch;

import dev.wall.core.io.AtomicFile;
import dev.wall.core.io.RunFolder;
import dev.wall.core.layout.HostfileWriter;
import dev.wall.core.layout.Layout;
import dev.wall.player.nodes.Ssh;
import dev.wall.player.process.ChildProcess;
import dev.wall.player.process.ProcessDestroyer;
import dev.wall.player.wire.RankLaunch;
import dev.wall.player.wire.RankMessage;
import dev.wall.player.wire.WallStatus;
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
 * The controller side of {@code wall play}: writes the hostfile, starts mpirun with one rank per
 * screen, relays rank 0's messages ({@link RankMessage}), and turns mpirun's end into an {@link
 * Outcome}: every loop played, screens that failed (named), or a rank or node lost.
 */
public final class WallController {
  private static final Pattern LOST_RANK = Pattern.compile("process rank (\\d+) with PID \\d+ on node (\\S+)");
  private static final Duration STOP_GRACE = Duration.ofMillis(1500);
  private static final int MPI_LINES_KEPT = 200;

  private final Layout layout;
  private final LocalMachine local;
  private final Path runDir;
  private final PrintWriter out;
  private final PrintWriter errors;
  private final PlayReport report;
  private final boolean quiet;
  private final boolean liveStatus;
  private final RankClassArchive archive;
  private int statusWidth;
  private volatile StatusBoard board;
  private volatile boolean warned;

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
  }

  public Outcome play(RankLaunch launch, Map<String, String> environment) throws IOException {
    archive.ensureRecorded(launch.layout());
    List<String> argv = command(launch, MpiSettings.of(environment, Ssh.forThisUser()));
    List<String> failures = new ArrayList<>();
    List<String> mpiLines = new ArrayList<>();
    Consumer<String> lines = line -> route(line, failures, mpiLines);
    ProcessDestroyer.instance().afterStoppingOnShutdown(() -> {
      errors.println("wall: stopped; every rank and player was stopped");
      errors.flush();
    });
    ChildProcess mpirun =
        ChildProcess.startRelayed("mpirun", argv, log(), environment, lines, RankMessage::logged,
            archive.rankDirectory());
    int code;
    try {
      code = mpirun.process().waitFor();
      mpirun.awaitRelay(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      mpirun.stop(STOP_GRACE);
      return new Outcome.Stopped("interrupted; every rank was stopped");
    }
    return verdict(code, failures, mpiLines);
  }

  /** mpirun's command line for this wall, with the hostfile it names written. */
  public List<String> command(RankLaunch launch, MpiSettings mpi) throws IOException {
    RunFolder.prepare(runDir);
    Path hostfile = runDir.resolve("hostfile");
    String hosts = new HostfileWriter(layout, launch.layout().toString()).hostfile();
    AtomicFile.replacingLinks().write(hostfile, hosts.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return MpirunCommand.argv(layout, local, hostfile, java(), classpath(), launch, archive.option().orElse(null), mpi);
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String classpath() {
    return System.getProperty("java.class.path");
  }

  private void route(String line, List<String> failures, List<String> mpiLines) {
    RankMessage message = RankMessage.parse(line).orElse(null);
    if (message == null) {
      synchronized (mpiLines) {
        // Only the last lines are kept, to name a lost rank: the log has them all.
        if (mpiLines.size() >= MPI_LINES_KEPT) {
          mpiLines.remove(0);
        }
        mpiLines.add(line);
      }
      return;
    }
    if (message instanceof RankMessage.Failure failure) {
      if (failures.size() < MPI_LINES_KEPT) {
        failures.add(failure.text());
      }
    } else if (message instanceof RankMessage.Report loop) {
      try {
        report.addLoop(loop.json());
      } catch (RuntimeException e) {
        // The relay must live on: mpirun's output has to be read, and its end seen.
        warnOnce("wall: the report was not written (" + e.getMessage() + "); the wall plays on");
      }
    } else if (message instanceof RankMessage.Status status) {
      try {
        WallStatus now = status.status();
        StatusBoard statusBoard = board;
        if (statusBoard != null) {
          statusBoard.status(now);
        }
        showStatus(now.line());
      } catch (IllegalArgumentException e) {
        // A rank of another version: its status is not worth a failure.
      }
    } else if (message instanceof RankMessage.Console console && !quiet) {
      clearStatus();
      out.println(console.text());
      out.flush();
    }
  }

  /** Where the status of every round goes: the status file's board; nowhere until this is called. */
  public void reportStatusTo(StatusBoard statusBoard) {
    this.board = statusBoard;
  }

  private void warnOnce(String warning) {
    if (!warned) {
      warned = true;
      errors.println(warning);
      errors.flush();
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

  /** mpirun's output, rotated by size across runs: a wall that runs for months must not fill the disk. */
  private Path log() throws IOException {
    Files.createDirectories(runDir);
    return runDir.resolve("mpirun.log");
  }

  private Outcome verdict(int code, List<String> failures, List<String> mpiLines) {
    if (code == 0) {
      // Every loop played; screens given up by the end are still reported.
      return failures.isEmpty() ? new Outcome.Completed() : new Outcome.ScreensFailed(failures);
    }
    if (ProcessDestroyer.instance().shuttingDown()) {
      return new Outcome.Stopped("stopped; every rank and player was stopped"); // said by the shutdown hook
    }
    if (!failures.isEmpty()) {
      return new Outcome.ScreensFailed(failures);
    }
    return new Outcome.RankLost(lostMessage(code, mpiLines));
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
