package dev.wall.player.launch;

import dev.wall.core.io.AtomicFile;
import dev.wall.core.io.RunFolder;
import dev.wall.core.layout.HostfileWriter;
import dev.wall.core.layout.Layout;
import dev.wall.player.control.CommandOutcome;
import dev.wall.player.nodes.LocalMachine;
import dev.wall.player.nodes.Preflight;
import dev.wall.player.nodes.RemoteNodes;
import dev.wall.player.nodes.Ssh;
import dev.wall.player.nodes.Sweeper;
import dev.wall.player.plan.ShowPlan;
import dev.wall.player.process.ChildProcess;
import dev.wall.player.process.ProcessDestroyer;
import dev.wall.player.versions.InstalledVersions;
import dev.wall.player.wire.ControlCommand;
import dev.wall.player.wire.ControlLine;
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
  private static final Pattern LOST_RANK =
      Pattern.compile("process rank (\\d+) with PID \\d+ on node (\\S+)");

  /** mpirun's words when its ssh session or connection to a node's daemon broke. */
  /** A failure line that names its screen's host and points to a log there: {@code (see /PATH)}. */
  private static final Pattern LOG_POINTER =
      Pattern.compile("^screen \\S+ on (\\S+): .*\\(see (/[^)\\s]+)\\)");

  private static final Pattern LOST_DAEMON = Pattern.compile("Remote daemon: \\S+ on node (\\S+)");
  private static final Duration STOP_GRACE = Duration.ofMillis(1500);

  /**
   * After a rank said others stopped answering and gave up, mpirun stops the rest of the job; it
   * may wait for a daemon on the lost node, which cannot answer, so it is stopped after this long.
   */
  private static final Duration LOST_GRACE = Duration.ofSeconds(2);

  /** A sweep of the nodes after a failed run (a JVM on each node, over ssh). */
  private static final Duration SWEEP_DEADLINE = Duration.ofSeconds(4);

  private static final int MPI_LINES_KEPT = 200;

  /** The show the next job plays: a reload that every screen took replaces it. */
  private volatile ShowPlan plan;

  private volatile Layout layout;
  private final LocalMachine local;
  private final Path runDir;
  private final PrintWriter out;
  private final PrintWriter errors;
  private final PlayReport report;
  private final boolean quiet;
  private final boolean liveStatus;
  private final RankClassArchive archive;

  /** Told of each control round and loop report from rank 0: they prove the wall alive. */
  private volatile Runnable alive = () -> {};

  private final List<RankMessage.Lost> lost = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile long lostAtNanos;
  private int statusWidth;
  private final java.util.concurrent.atomic.AtomicReference<Stopping> stopping =
      new java.util.concurrent.atomic.AtomicReference<>();
  private final java.util.concurrent.atomic.AtomicBoolean hooked =
      new java.util.concurrent.atomic.AtomicBoolean();
  private volatile Consumer<WallStatus> statusSink = status -> {};

  /** mpirun while the wall's job plays: show control's commands go to its standard input. */
  private volatile ChildProcess playing;

  private final java.util.concurrent.atomic.AtomicLong commands =
      new java.util.concurrent.atomic.AtomicLong();
  private final Map<Long, java.util.concurrent.CompletableFuture<RankMessage.Answer>> answers =
      new java.util.concurrent.ConcurrentHashMap<>();
  private volatile boolean warned;

  /**
   * @param report collects each loop's figures and rewrites the report file, if one was asked for
   * @param quiet leaves the console to failures only
   * @param liveStatus rewrites one status line after each control round (for a terminal)
   */
  public WallController(
      ShowPlan plan,
      LocalMachine local,
      PrintWriter out,
      PrintWriter errors,
      PlayReport report,
      boolean quiet,
      boolean liveStatus) {
    this.plan = plan;
    this.layout = plan.layout();
    this.local = local;
    this.runDir = plan.runDir();
    this.out = out;
    this.errors = errors;
    this.report = report;
    this.quiet = quiet;
    this.liveStatus = liveStatus && !quiet;
    this.archive = RankClassArchive.forThisJvm();
  }

  /** One run of the plan, from mpirun's start to its end. */
  public Outcome play(Map<String, String> environment) throws IOException {
    Ssh ssh = Ssh.forThisUser().sharing(runDir.resolve("ssh"));
    List<String> remote = layout.hosts().stream().filter(h -> !local.isThisMachine(h)).toList();
    try (RunLock lock = RunLock.take(runDir)) {
      return play(environment, ssh);
    } finally {
      ssh.closeShared(remote);
    }
  }

  private Outcome play(Map<String, String> environment, Ssh ssh) throws IOException {
    RemoteNodes nodes = RemoteNodes.forThisJvm(local::isThisMachine, ssh, List.of());
    Outcome refused = preflight(nodes);
    if (refused != null) {
      return refused;
    }
    archive.ensureRecorded(plan);
    List<String> argv = command(MpiSettings.of(environment, ssh));
    List<String> failures = new ArrayList<>();
    List<String> mpiLines = new ArrayList<>();
    Consumer<String> lines = line -> route(line, failures, mpiLines);
    Sweeper sweeper = new Sweeper(nodes, runDir);
    sayWhenStopped(sweeper, ssh);
    ChildProcess mpirun =
        ChildProcess.startRelayed(
            "mpirun",
            argv,
            log(),
            environment,
            ChildProcess.Input.PIPE,
            lines,
            RankMessage::logged,
            archive.rankDirectory());
    playing = mpirun;
    int code;
    try {
      code = awaitEnd(mpirun);
      mpirun.awaitRelay(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      // Stopped from within (the schedule's closing): it says every rank stopped only once every
      // node says so.
      mpirun.stop(STOP_GRACE);
      Sweeper.Result swept = sweeper.sweep(layout.hosts(), SWEEP_DEADLINE);
      Thread.currentThread().interrupt();
      return new Outcome.Stopped(
          swept.clean()
              ? "interrupted; every rank and player was stopped (checked on every node)"
              : "interrupted; " + swept.problems() + "; the next start clears what is left");
    }
    if (ProcessDestroyer.instance().shuttingDown()) {
      return verdict(code, failures, mpiLines, null);
    }
    Map<String, List<Path>> logs = remoteLogs(failures);
    if (code != 0) {
      Sweeper.Result swept = sweeper.sweep(reachableHosts(mpiLines), SWEEP_DEADLINE, logs);
      return verdict(code, withCollectedLogs(failures, swept.logs()), mpiLines, swept);
    }
    if (!logs.isEmpty()) {
      // Every loop played, but screens were given up: their logs are on their nodes.
      return verdict(
          code,
          withCollectedLogs(failures, sweeper.sweep(logs.keySet(), SWEEP_DEADLINE, logs).logs()),
          mpiLines,
          null);
    }
    return verdict(code, failures, mpiLines, null);
  }

  /**
   * Once a signal has stopped every local process, the shutdown hook sweeps the nodes of the run
   * that was playing and says what it found. Registered once per controller: a supervised or
   * scheduled wall plays many runs in one process, and each would otherwise add its own hook.
   */
  private void sayWhenStopped(Sweeper sweeper, Ssh ssh) {
    stopping.set(new Stopping(sweeper, ssh));
    if (hooked.compareAndSet(false, true)) {
      ProcessDestroyer.instance()
          .afterStoppingOnShutdown(
              () -> {
                Stopping last = stopping.get();
                Sweeper.Result swept = last.sweeper().sweep(layout.hosts(), SWEEP_DEADLINE);
                last.ssh()
                    .closeShared(
                        layout.hosts().stream().filter(h -> !local.isThisMachine(h)).toList());
                errors.println(
                    swept.clean()
                        ? "wall: stopped; every rank and player was stopped (checked on every node)"
                        : "wall: stopped; "
                            + swept.problems()
                            + "; the next start clears what is left");
                errors.flush();
              });
    }
  }

  /** What the shutdown hook needs of the run in play. */
  private record Stopping(Sweeper sweeper, Ssh ssh) {}

  /**
   * The quick checks on every node ({@link Preflight}), which also clear a previous run's
   * leftovers: null when every node is ready, else why the wall does not start.
   */
  private Outcome preflight(RemoteNodes nodes) {
    Preflight.Result checked =
        new Preflight(layout, nodes, runDir, InstalledVersions.here(runDir), plan.caches() == null)
            .run();
    if (!checked.unreachable().isEmpty()) {
      List<String> lines = new ArrayList<>(checked.unreachable());
      lines.addAll(checked.problems());
      return new Outcome.NodesUnreachable(lines);
    }
    return checked.problems().isEmpty() ? null : new Outcome.NodesNotReady(checked.problems());
  }

  /**
   * mpirun's exit code; once a rank has given up on lost ranks, mpirun gets a short grace, then is
   * stopped.
   */
  private int awaitEnd(ChildProcess mpirun) throws InterruptedException {
    while (!mpirun.process().waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
      long since = lostAtNanos;
      if (since != 0 && System.nanoTime() - since > LOST_GRACE.toNanos()) {
        mpirun.stop(STOP_GRACE);
        return mpirun.isAlive() ? -1 : mpirun.process().exitValue();
      }
    }
    return mpirun.process().exitValue();
  }

  /** The logs that failure lines point to on other nodes, by host. */
  private Map<String, List<Path>> remoteLogs(List<String> failures) {
    Map<String, List<Path>> logs = new java.util.LinkedHashMap<>();
    for (String line : failures) {
      Matcher m = LOG_POINTER.matcher(line);
      if (m.find() && !local.isThisMachine(m.group(1))) {
        logs.computeIfAbsent(m.group(1), h -> new ArrayList<>()).add(Path.of(m.group(2)));
      }
    }
    return logs;
  }

  /**
   * Failure lines whose log lives on another node point to the copy kept here instead ({@code
   * RUN_DIR/logs/HOST/}), and quote the line of it that says what went wrong.
   */
  private List<String> withCollectedLogs(
      List<String> failures, Map<String, Map<Path, List<String>>> fetched) {
    List<String> lines = new ArrayList<>();
    for (String line : failures) {
      Matcher m = LOG_POINTER.matcher(line);
      List<String> tail =
          m.find() ? fetched.getOrDefault(m.group(1), Map.of()).get(Path.of(m.group(2))) : null;
      if (tail == null) {
        lines.add(line);
        continue;
      }
      Path copy =
          runDir.resolve("logs").resolve(m.group(1)).resolve(Path.of(m.group(2)).getFileName());
      try {
        Files.createDirectories(copy.getParent());
        new AtomicFile()
            .write(
                copy,
                (String.join("\n", tail) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        lines.add(
            line.substring(0, m.start(2) - "(see ".length())
                + "("
                + m.group(1)
                + "'s log, its end copied to "
                + copy
                + cause(tail)
                + ")"
                + line.substring(m.end(2) + 1));
      } catch (IOException e) {
        lines.add(line);
      }
    }
    return lines;
  }

  /** The line of a log that says what went wrong (an error, a failure), quoted, or nothing. */
  static String cause(List<String> tail) {
    for (int i = tail.size() - 1; i >= 0; i--) {
      String line = tail.get(i).strip();
      if (line.matches(
          "(?i).*(error|fail|cannot|can't|couldn't|could not|not found|denied|refused).*")) {
        return ", which says: \""
            + (line.length() > 200 ? line.substring(0, 200) + "..." : line)
            + "\"";
      }
    }
    return "";
  }

  /** The layout's hosts, less those a rank or mpirun reported lost (they cannot be asked now). */
  private List<String> reachableHosts(List<String> mpiLines) {
    java.util.Set<String> gone = new java.util.HashSet<>(lostHosts(mpiLines));
    return layout.hosts().stream().filter(h -> !gone.contains(h)).toList();
  }

  private List<String> lostHosts(List<String> mpiLines) {
    List<String> hosts = new ArrayList<>();
    for (RankMessage.Lost report : lost) {
      report.missing().stream()
          .filter(r -> r < layout.screens().size())
          .map(r -> layout.screen(r).host())
          .forEach(hosts::add);
    }
    synchronized (mpiLines) {
      for (String line : mpiLines) {
        Matcher m = LOST_DAEMON.matcher(line);
        if (m.find()) {
          hosts.add(m.group(1));
        }
      }
    }
    return hosts;
  }

  /** mpirun's command line for this wall, with the hostfile it names written. */
  public List<String> command(MpiSettings mpi) throws IOException {
    RunFolder.prepare(runDir);
    Path hostfile = runDir.resolve("hostfile");
    String hosts = new HostfileWriter(layout, plan.layoutFile().toString()).hostfile();
    AtomicFile.replacingLinks()
        .write(hostfile, hosts.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return MpirunCommand.argv(
        plan,
        local,
        hostfile,
        java(),
        classpath(),
        archive.rankClasspath(),
        archive.option().orElse(null),
        mpi);
  }

  /** This controller's Java: for the ranks on this machine only (each other node runs its own). */
  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String classpath() {
    return System.getProperty("java.class.path");
  }

  /**
   * Hands {@code command} to rank 0, which has every screen apply it on the same frame, and waits
   * for its answer, {@code within} at most. Refused at once while no job plays.
   */
  public CommandOutcome submit(ControlCommand command, Duration within) {
    return submit(command, null, within);
  }

  /** Whether a job plays now (mpirun running, and not being stopped). */
  public boolean playing() {
    ChildProcess mpirun = playing;
    return mpirun != null && mpirun.isAlive() && !mpirun.isStopping();
  }

  /**
   * From the next job on, plays {@code next}: a reload every screen took, so that a job started
   * again (a lost node, the schedule) plays what the running one switched to.
   */
  public void adopt(ShowPlan next) {
    plan = next;
    layout = next.layout();
  }

  /**
   * The same, with what the controller worked out for it: for reload, the validated layout to
   * switch to ({@link dev.wall.player.wire.LayoutWire}), else null.
   */
  public CommandOutcome submit(ControlCommand command, String layout, Duration within) {
    ChildProcess mpirun = playing;
    if (mpirun == null || !mpirun.isAlive() || mpirun.isStopping()) {
      return CommandOutcome.refused(
          command, "the wall is not playing now (starting, restarting, or closed by the schedule)");
    }
    long id = commands.incrementAndGet();
    java.util.concurrent.CompletableFuture<RankMessage.Answer> answer =
        new java.util.concurrent.CompletableFuture<>();
    answers.put(id, answer);
    try {
      synchronized (answers) {
        var in = mpirun.process().getOutputStream();
        in.write(
            (new ControlLine(id, command, layout).encode() + "\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        in.flush();
      }
      RankMessage.Answer said =
          answer.get(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      return said.applied()
          ? CommandOutcome.applied(command, said.text())
          : CommandOutcome.refused(command, said.text());
    } catch (IOException e) {
      return CommandOutcome.refused(command, "the wall's job is ending: " + e.getMessage());
    } catch (java.util.concurrent.TimeoutException e) {
      return CommandOutcome.refused(
          command,
          "the wall did not answer within "
              + within.toSeconds()
              + " s (starting, at a loop's seam, or a rank is lost); try again");
    } catch (java.util.concurrent.ExecutionException e) {
      return CommandOutcome.refused(command, "no answer: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CommandOutcome.refused(command, "the wall is stopping");
    } finally {
      answers.remove(id);
    }
  }

  private void route(String line, List<String> failures, List<String> mpiLines) {
    RankMessage message = RankMessage.parse(line).orElse(null);
    if (message instanceof RankMessage.Answer answered) {
      var waiting = answers.get(answered.id());
      if (waiting != null) {
        waiting.complete(answered);
      }
      return;
    }
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
    if (message instanceof RankMessage.Report || message instanceof RankMessage.Status) {
      alive.run();
    }
    if (message instanceof RankMessage.Lost report) {
      lost.add(report);
      if (lostAtNanos == 0) {
        lostAtNanos = System.nanoTime();
      }
    } else if (message instanceof RankMessage.Failure failure) {
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
        statusSink.accept(now);
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

  /**
   * Where the status of every round goes (the status file's board); nowhere until this is called.
   */
  public void reportStatusTo(Consumer<WallStatus> sink) {
    this.statusSink = sink;
  }

  /**
   * What proves the wall alive to whoever watches it (the service manager's watchdog, under the
   * autostart unit): run at each control round and loop report from rank 0.
   */
  public void signalAliveTo(Runnable signal) {
    this.alive = signal;
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

  /**
   * mpirun's output, rotated by size across runs: a wall that runs for months must not fill the
   * disk.
   */
  private Path log() throws IOException {
    Files.createDirectories(runDir);
    return runDir.resolve("mpirun.log");
  }

  private Outcome verdict(
      int code, List<String> failures, List<String> mpiLines, Sweeper.Result swept) {
    if (code == 0) {
      // Every loop played; screens given up by the end are still reported.
      return failures.isEmpty() ? new Outcome.Completed() : new Outcome.ScreensFailed(failures);
    }
    if (ProcessDestroyer.instance().shuttingDown()) {
      return new Outcome.Stopped(
          "stopped; every rank and player was stopped"); // said by the shutdown hook
    }
    String after = swept == null || swept.clean() ? "" : "; " + swept.problems();
    if (!lost.isEmpty()) {
      return lostByRanks(layout, lost, after);
    }
    if (!failures.isEmpty()) {
      List<String> lines = new ArrayList<>(failures);
      if (!after.isEmpty()) {
        lines.add("after the failure" + after);
      }
      return new Outcome.ScreensFailed(lines);
    }
    synchronized (mpiLines) {
      return lostByMpirun(layout, code, List.copyOf(mpiLines), runDir.resolve("mpirun.log"), after);
    }
  }

  /**
   * The loss as the ranks that stopped answering were reported: the root's report when it made one
   * (it knows exactly who did not come), else the first; one line naming their hosts and screens.
   *
   * @param after what the sweep of the nodes found, to end the line with
   */
  static Outcome.RankLost lostByRanks(Layout layout, List<RankMessage.Lost> reports, String after) {
    RankMessage.Lost report =
        reports.stream().filter(l -> l.reporter() == 0).findFirst().orElse(reports.get(0));
    java.util.Map<String, List<Integer>> byHost = new java.util.LinkedHashMap<>();
    for (int rank : report.missing()) {
      String host = rank < layout.screens().size() ? layout.screen(rank).host() : "?";
      byHost.computeIfAbsent(host, h -> new ArrayList<>()).add(rank);
    }
    List<String> parts = new ArrayList<>();
    byHost.forEach((host, ranks) -> parts.add(host + " (" + screens(layout, ranks) + ")"));
    String hosts = String.join(", ", byHost.keySet());
    String message =
        String.join(" and ", parts)
            + " stopped answering: no word within "
            + (report.waitedMillis() / 1000)
            + " s; the wall stopped. Check that "
            + hosts
            + (byHost.size() == 1 ? " is" : " are")
            + " on and connected (network cable, switch);"
            + " what is left of the wall there is cleared at the next start"
            + after;
    return new Outcome.RankLost(
        message,
        byHost.keySet().stream().filter(h -> !h.equals("?")).toList(),
        screenNames(layout, report.missing().stream().sorted().toList()));
  }

  /**
   * The loss as mpirun's own lines tell it, when no rank reported one: a rank it saw end (named by
   * the layout's host for it, whatever mpirun calls that machine), or a node daemon it lost.
   *
   * @param log mpirun's log, which the line points to
   * @param after what the sweep of the nodes found, to end the line with
   */
  static Outcome.RankLost lostByMpirun(
      Layout layout, int code, List<String> mpiLines, Path log, String after) {
    for (String line : mpiLines) {
      Matcher m = LOST_RANK.matcher(line);
      if (m.find()) {
        int rank = Integer.parseInt(m.group(1));
        boolean known = rank < layout.screens().size();
        String screen = known ? layout.screen(rank).name() : "?";
        return new Outcome.RankLost(
            "rank "
                + rank
                + " (screen "
                + screen
                + ") on "
                + m.group(2)
                + " was lost; see "
                + log
                + after,
            known ? List.of(layout.screen(rank).host()) : List.of(),
            known ? List.of(screen) : List.of());
      }
    }
    for (String line : mpiLines) {
      Matcher m = LOST_DAEMON.matcher(line);
      if (m.find()) {
        String host = m.group(1);
        List<Integer> ranks = new ArrayList<>();
        for (int i = 0; i < layout.screens().size(); i++) {
          if (layout.screen(i).host().equals(host)) {
            ranks.add(i);
          }
        }
        return new Outcome.RankLost(
            host
                + (ranks.isEmpty() ? "" : " (" + screens(layout, ranks) + ")")
                + " was lost: mpirun lost its"
                + " connection to the node; check that it is on and connected; see "
                + log
                + after,
            List.of(host),
            screenNames(layout, ranks));
      }
    }
    return new Outcome.RankLost(
        "mpirun ended with code "
            + code
            + " before the wall finished (a node or rank was lost); see "
            + log
            + after);
  }

  private static List<String> screenNames(Layout layout, List<Integer> ranks) {
    return ranks.stream()
        .filter(r -> r < layout.screens().size())
        .map(r -> layout.screen(r).name())
        .toList();
  }

  private static String screens(Layout layout, List<Integer> ranks) {
    List<String> names =
        ranks.stream()
            .map(r -> r < layout.screens().size() ? layout.screen(r).name() : "?")
            .toList();
    return (ranks.size() == 1 ? "screen " : "screens ")
        + String.join(", ", names)
        + (ranks.size() == 1 ? ", rank " : ", ranks ")
        + String.join(", ", ranks.stream().map(String::valueOf).toList());
  }
}
