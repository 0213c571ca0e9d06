package dev.wall.player.nodes;

import dev.wall.core.io.AtomicFile;
import dev.wall.core.io.RunFolder;
import dev.wall.player.wire.PidFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * What a run of the wall left running on one node, in PID files: each rank records itself, the Open
 * MPI daemon that started it and its player processes, each by PID and start time, and Open MPI's
 * session folder of the job. The next start, and the end of this run, stop whatever is left of it
 * ({@link #sweep}): a node whose cable was pulled keeps its rank and player until it comes back.
 * Processes are stopped by PID and only when their start time is the recorded one (a PID reused
 * since is someone else's) and they run as this user, never by name. PID files are read only from a
 * run folder that passes {@link RunFolder#check}: one that only this user (and root) can have
 * written to.
 *
 * <p>The files' format is the wire's ({@link PidFile}).
 */
public final class RunRecord {
  private static final Duration REFRESH = Duration.ofSeconds(2);

  private final Path file;
  private final String session;

  private RunRecord(Path file, String session) {
    this.file = file;
    this.session = session;
  }

  /** The folder of {@code host}'s PID files in {@code runDir}. */
  public static Path folder(Path runDir, String host) {
    return PidFile.folder(runDir, host);
  }

  /**
   * Records this rank (and its launcher and players) now, and again every couple of seconds on a
   * daemon thread, so that a player restarted later is recorded too.
   */
  public static RunRecord keepForRank(Path runDir, String host, int rank) {
    RunRecord record =
        new RunRecord(
            PidFile.of(runDir, host, rank), System.getenv("OMPI_MCA_orte_jobfam_session_dir"));
    record.write();
    Thread refresher =
        new Thread(
            () -> {
              while (true) {
                LockSupport.parkNanos(REFRESH.toNanos());
                record.write();
              }
            },
            "run-record");
    refresher.setDaemon(true);
    refresher.start();
    return record;
  }

  /** This run is over for this rank: it leaves nothing behind. */
  public void remove() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // The next sweep finds every recorded process gone and removes it.
    }
  }

  private synchronized void write() {
    List<PidFile.Process> processes = new ArrayList<>();
    ProcessHandle self = ProcessHandle.current();
    recorded("rank", self).ifPresent(processes::add);
    self.parent().flatMap(p -> recorded("launcher", p)).ifPresent(processes::add);
    self.descendants().forEach(p -> recorded("player", p).ifPresent(processes::add));
    PidFile text = new PidFile(processes, session == null ? List.of() : List.of(session));
    try {
      Files.createDirectories(file.getParent());
      AtomicFile.replacingLinks().write(file, text.text().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // A full or read-only run folder: the wall plays on; only a straggler could not be cleared.
    }
  }

  private static Optional<PidFile.Process> recorded(String role, ProcessHandle process) {
    return process
        .info()
        .startInstant()
        .map(start -> new PidFile.Process(role, process.pid(), start.toEpochMilli()));
  }

  /**
   * What {@link #sweep} did on one node.
   *
   * @param stopped processes of an earlier run that were still running, and were stopped
   * @param left processes that would not stop (each as {@code ROLE PID}); empty when all went
   * @param refused for each run folder that was not swept because it failed {@link
   *     RunFolder#check}, what is wrong and how to fix it
   */
  public record Sweep(int stopped, List<String> left, List<String> refused) {
    public Sweep {
      left = List.copyOf(left);
      refused = List.copyOf(refused);
    }
  }

  /**
   * Stops every process recorded for {@code host} in {@code runDir} that still runs as this user
   * (TERM, then KILL after {@code grace}), removes the PID files whose processes are all gone, and
   * Open MPI's session folders of ours they name. A run folder that fails {@link RunFolder#check}
   * is not read at all: the sweep says why instead.
   */
  public static Sweep sweep(Path runDir, String host, Duration grace) {
    return sweep(List.of(runDir), host, grace);
  }

  /** The same in each of {@code runDirs}, with one grace for all. */
  public static Sweep sweep(List<Path> runDirs, String host, Duration grace) {
    int me;
    try {
      me = RunFolder.ownUid();
    } catch (IOException e) {
      return new Sweep(
          0, List.of(), List.of("cannot tell which user this is (" + e.getMessage() + ")"));
    }
    List<String> refused = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (Path runDir : runDirs) {
      try {
        Path checked = RunFolder.check(runDir);
        Path folder = folder(checked, host);
        // The host's PID folder, made by our ranks: one of ours, right inside.
        if (folder.getParent().getParent().equals(checked)
            && ownFolder(folder.getParent(), me)
            && ownFolder(folder, me)) {
          try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, PidFile.GLOB)) {
            entries.forEach(files::add);
          }
        }
      } catch (RunFolder.RefusedException e) {
        refused.add(e.getMessage());
      } catch (IOException e) {
        // No run folder here, or nothing in it that a run left.
      }
    }
    List<Recorded> alive = new ArrayList<>();
    List<String> sessions = new ArrayList<>();
    for (Path file : files) {
      PidFile recorded = PidFile.parse(lines(file));
      sessions.addAll(recorded.sessions());
      recorded.processes().stream()
          .map(r -> Recorded.ifRunning(r, me))
          .flatMap(Optional::stream)
          .forEach(alive::add);
    }
    alive.forEach(r -> r.process().destroy());
    long deadline = System.nanoTime() + grace.toNanos();
    while (alive.stream().anyMatch(r -> r.process().isAlive()) && System.nanoTime() < deadline) {
      LockSupport.parkNanos(10_000_000);
    }
    alive.stream().filter(r -> r.process().isAlive()).forEach(r -> r.process().destroyForcibly());
    long killDeadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (alive.stream().anyMatch(r -> r.process().isAlive())
        && System.nanoTime() < killDeadline) {
      LockSupport.parkNanos(10_000_000);
    }
    List<String> left =
        alive.stream()
            .filter(r -> r.process().isAlive())
            .map(r -> r.role() + " " + r.process().pid())
            .toList();
    if (left.isEmpty()) {
      for (Path file : files) {
        deleteQuietly(file);
      }
      sessions.stream()
          .filter(PidFile::isSession)
          .map(Path::of)
          .filter(
              s ->
                  s.isAbsolute()
                      && s.normalize().equals(s)
                      && ownFolder(s.getParent(), me)
                      && ownFolder(s, me))
          .forEach(RunRecord::deleteTree);
    }
    return new Sweep(alive.size(), left, refused);
  }

  /** A real folder (not a link) that belongs to user {@code me}. */
  private static boolean ownFolder(Path folder, int me) {
    try {
      return Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)
          && (Integer) Files.getAttribute(folder, "unix:uid", LinkOption.NOFOLLOW_LINKS) == me;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Whether process {@code pid} runs as user {@code me}: its real, effective, saved and file system
   * user ids are all ours (a set-user-ID program we started is not ours to stop). From {@code
   * /proc}; where there is none, from the user name the JVM reports.
   */
  static boolean runsAs(ProcessHandle process, int me) {
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
        if (line.startsWith("Uid:")) {
          String[] ids = line.substring(4).trim().split("\\s+");
          return ids.length == 4
              && java.util.Arrays.stream(ids).allMatch(id -> id.equals(String.valueOf(me)));
        }
      }
      return false;
    } catch (NoSuchFileException e) {
      return false; // gone, or another PID namespace's
    } catch (IOException e) {
      if (Files.isDirectory(Path.of("/proc/self"))) {
        return false;
      }
      return process
          .info()
          .user()
          .map(u -> u.equals(System.getProperty("user.name")))
          .orElse(false);
    }
  }

  /** A recorded process that still runs: its role and its handle. */
  private record Recorded(String role, ProcessHandle process) {
    /**
     * The recorded process, if it still runs: same PID, the same start time, and user {@code me}'s.
     */
    static Optional<Recorded> ifRunning(PidFile.Process recorded, int me) {
      if (recorded.pid() == ProcessHandle.current().pid()) {
        return Optional.empty();
      }
      return ProcessHandle.of(recorded.pid())
          .filter(ProcessHandle::isAlive)
          .filter(
              p ->
                  p.info().startInstant().map(Instant::toEpochMilli).orElse(-1L)
                      == recorded.startMillis())
          .filter(p -> runsAs(p, me))
          .map(p -> new Recorded(recorded.role(), p));
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return List.of();
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Tried again at the next sweep.
    }
  }

  private static void deleteTree(Path folder) {
    if (!Files.isDirectory(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      walk.sorted(Comparator.reverseOrder()).forEach(RunRecord::deleteQuietly);
    } catch (IOException e) {
      // Tried again at the next sweep.
    }
  }
}
