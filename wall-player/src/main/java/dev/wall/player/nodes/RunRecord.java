package dev.wall.player.nodes;

import dev.wall.core.io.AtomicFile;
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
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a run of the wall left running on one node, in PID files: each rank records itself, the
 * Open MPI daemon that started it and its player processes, each by PID and start time, and Open
 * MPI's session folder of the job. The next start, and the end of this run, stop whatever is left
 * of it ({@link #sweep}): a node whose cable was pulled keeps its rank and player until it comes
 * back. Processes are stopped by PID and only when their start time is the recorded one (a PID
 * reused since is someone else's), never by name.
 *
 * <p>One file per rank, {@code RUN_DIR/pids/HOST/rank-N}, lines {@code ROLE PID START_MILLIS},
 * and {@code session PATH}.
 */
public final class RunRecord {
  /** Open MPI's folder for one job on a node: {@code .../ompi.HOST.UID/pid.N} (or {@code jf.N}). */
  private static final Pattern SESSION = Pattern.compile(".*/ompi\\.[^/]+/(pid|jf)\\.\\d+");
  private static final Duration REFRESH = Duration.ofSeconds(2);

  private final Path file;
  private final String session;

  private RunRecord(Path file, String session) {
    this.file = file;
    this.session = session;
  }

  /** The folder of {@code host}'s PID files in {@code runDir}. */
  public static Path folder(Path runDir, String host) {
    return runDir.resolve("pids").resolve(host);
  }

  /**
   * Records this rank (and its launcher and players) now, and again every couple of seconds on a
   * daemon thread, so that a player restarted later is recorded too.
   */
  public static RunRecord keepForRank(Path runDir, String host, int rank) {
    RunRecord record = new RunRecord(folder(runDir, host).resolve("rank-" + rank),
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
    StringBuilder text = new StringBuilder();
    ProcessHandle self = ProcessHandle.current();
    line(text, "rank", self);
    self.parent().ifPresent(p -> line(text, "launcher", p));
    self.descendants().forEach(p -> line(text, "player", p));
    if (session != null && SESSION.matcher(session).matches()) {
      text.append("session ").append(session).append('\n');
    }
    try {
      Files.createDirectories(file.getParent());
      new AtomicFile().write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // A full or read-only run folder: the wall plays on; only a straggler could not be cleared.
    }
  }

  private static void line(StringBuilder text, String role, ProcessHandle process) {
    process.info().startInstant().ifPresent(start ->
        text.append(role).append(' ').append(process.pid()).append(' ').append(start.toEpochMilli()).append('\n'));
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
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "rank-*")) {
      entries.forEach(files::add);
    } catch (IOException e) {
      return new Sweep(0, List.of());
    }
    List<Recorded> alive = new ArrayList<>();
    List<String> sessions = new ArrayList<>();
    for (Path file : files) {
      for (String line : lines(file)) {
        String[] words = line.split(" ", 2);
        if (words[0].equals("session") && words.length == 2) {
          sessions.add(words[1]);
        } else {
          Recorded.parse(line).flatMap(Recorded::ifRunning).ifPresent(alive::add);
        }
      }
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
      sessions.stream().filter(s -> SESSION.matcher(s).matches()).map(Path::of).forEach(RunRecord::deleteTree);
    }
    return new Sweep(alive.size(), left);
  }

  /** A recorded process: its role, PID and start time. */
  private record Recorded(String role, long pid, long startMillis, ProcessHandle process) {
    static Optional<Recorded> parse(String line) {
      String[] words = line.split(" ");
      if (words.length != 3 || !words[1].matches("\\d+") || !words[2].matches("\\d+")) {
        return Optional.empty();
      }
      return Optional.of(new Recorded(words[0], Long.parseLong(words[1]), Long.parseLong(words[2]), null));
    }

    /** The same process, if it still runs: same PID and the same start time. */
    Optional<Recorded> ifRunning() {
      if (pid == ProcessHandle.current().pid()) {
        return Optional.empty();
      }
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
          .filter(p -> p.info().startInstant().map(Instant::toEpochMilli).orElse(-1L) == startMillis)
          .map(p -> new Recorded(role, pid, startMillis, p));
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
