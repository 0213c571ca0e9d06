package dev.wall.player.nodes;

import dev.wall.core.io.AtomicFile;
import dev.wall.player.wire.PidFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
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
 * What a run of the wall left running on one node, in PID files: each rank records itself, the
 * Open MPI daemon that started it and its player processes, each by PID and start time, and Open
 * MPI's session folder of the job. The next start, and the end of this run, stop whatever is left
 * of it ({@link #sweep}): a node whose cable was pulled keeps its rank and player until it comes
 * back. Processes are stopped by PID and only when their start time is the recorded one (a PID
 * reused since is someone else's), never by name.
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
    RunRecord record = new RunRecord(PidFile.of(runDir, host, rank),
        System.getenv("OMPI_MCA_orte_jobfam_session_dir"));
    record.write();
    Thread refresher = new Thread(() -> {
      while (true) {
        LockSupport.parkNanos(REFRESH.toNanos());
        record.write();
      }
    }, "run-record");
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
      new AtomicFile().write(file, text.text().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // A full or read-only run folder: the wall plays on; only a straggler could not be cleared.
    }
  }

  private static Optional<PidFile.Process> recorded(String role, ProcessHandle process) {
    return process.info().startInstant()
        .map(start -> new PidFile.Process(role, process.pid(), start.toEpochMilli()));
  }

  /**
   * What {@link #sweep} did on one node.
   *
   * @param stopped processes of an earlier run that were still running, and were stopped
   * @param left processes that would not stop (each as {@code ROLE PID}); empty when all went
   */
  public record Sweep(int stopped, List<String> left) {
    public Sweep {
      left = List.copyOf(left);
    }
  }

  /**
   * Stops every process recorded for {@code host} in {@code runDir} that still runs (TERM, then
   * KILL after {@code grace}), removes the PID files whose processes are all gone, and Open MPI's
   * session folders they name.
   */
  public static Sweep sweep(Path runDir, String host, Duration grace) {
    Path folder = folder(runDir, host);
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, PidFile.GLOB)) {
      entries.forEach(files::add);
    } catch (IOException e) {
      return new Sweep(0, List.of());
    }
    List<Recorded> alive = new ArrayList<>();
    List<String> sessions = new ArrayList<>();
    for (Path file : files) {
      PidFile recorded = PidFile.parse(lines(file));
      sessions.addAll(recorded.sessions());
      recorded.processes().stream().map(Recorded::ifRunning).flatMap(Optional::stream).forEach(alive::add);
    }
    alive.forEach(r -> r.process().destroy());
    long deadline = System.nanoTime() + grace.toNanos();
    while (alive.stream().anyMatch(r -> r.process().isAlive()) && System.nanoTime() < deadline) {
      LockSupport.parkNanos(10_000_000);
    }
    alive.stream().filter(r -> r.process().isAlive()).forEach(r -> r.process().destroyForcibly());
    long killDeadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (alive.stream().anyMatch(r -> r.process().isAlive()) && System.nanoTime() < killDeadline) {
      LockSupport.parkNanos(10_000_000);
    }
    List<String> left = alive.stream().filter(r -> r.process().isAlive()).map(r -> r.role() + " " + r.process().pid())
        .toList();
    if (left.isEmpty()) {
      for (Path file : files) {
        deleteQuietly(file);
      }
      sessions.stream().filter(PidFile::isSession).map(Path::of).forEach(RunRecord::deleteTree);
    }
    return new Sweep(alive.size(), left);
  }

  /** A recorded process that still runs: its role and its handle. */
  private record Recorded(String role, ProcessHandle process) {
    /** The recorded process, if it still runs: same PID and the same start time. */
    static Optional<Recorded> ifRunning(PidFile.Process recorded) {
      if (recorded.pid() == ProcessHandle.current().pid()) {
        return Optional.empty();
      }
      return ProcessHandle.of(recorded.pid()).filter(ProcessHandle::isAlive)
          .filter(p -> p.info().startInstant().map(Instant::toEpochMilli).orElse(-1L)
              == recorded.startMillis())
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
