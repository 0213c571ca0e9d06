package dev.wall.player.wire;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A rank's PID file on its node, what a rank writes and a sweep of the next start reads: one file
 * per rank, {@code RUN_DIR/pids/HOST/rank-N}, one line per process, {@code ROLE PID START_MILLIS}
 * (the rank itself, the Open MPI daemon that started it, its players), and {@code session PATH},
 * Open MPI's session folder of the job.
 *
 * @param processes the processes recorded, each by PID and start time
 * @param sessions Open MPI's session folders named (only such folders are ever kept)
 */
public record PidFile(List<Process> processes, List<String> sessions) {
  /** The files of one node's ranks, in its {@link #folder}. */
  public static final String GLOB = "rank-*";

  /** Open MPI's folder for one job on a node: {@code .../ompi.HOST.UID/pid.N} (or {@code jf.N}). */
  private static final Pattern SESSION = Pattern.compile(".*/ompi\\.[^/]+/(pid|jf)\\.\\d+");

  /** One recorded process: its role, PID and start time. */
  public record Process(String role, long pid, long startMillis) {
    static Optional<Process> parse(String line) {
      String[] words = line.split(" ");
      if (words.length != 3 || !words[1].matches("\\d+") || !words[2].matches("\\d+")) {
        return Optional.empty();
      }
      return Optional.of(new Process(words[0], Long.parseLong(words[1]), Long.parseLong(words[2])));
    }
  }

  public PidFile {
    processes = List.copyOf(processes);
    sessions = sessions.stream().filter(PidFile::isSession).toList();
  }

  /** The folder of {@code host}'s PID files in {@code runDir}. */
  public static Path folder(Path runDir, String host) {
    return runDir.resolve("pids").resolve(host);
  }

  /** Rank {@code rank}'s PID file on {@code host}. */
  public static Path of(Path runDir, String host, int rank) {
    return folder(runDir, host).resolve("rank-" + rank);
  }

  /** Whether {@code path} is an Open MPI session folder of one job. */
  public static boolean isSession(String path) {
    return path != null && SESSION.matcher(path).matches();
  }

  public String text() {
    StringBuilder text = new StringBuilder();
    processes.forEach(
        p ->
            text.append(p.role())
                .append(' ')
                .append(p.pid())
                .append(' ')
                .append(p.startMillis())
                .append('\n'));
    sessions.forEach(s -> text.append("session ").append(s).append('\n'));
    return text.toString();
  }

  /** The file's lines read back; a line that is not ours is skipped. */
  public static PidFile parse(List<String> lines) {
    List<Process> processes = new ArrayList<>();
    List<String> sessions = new ArrayList<>();
    for (String line : lines) {
      String[] words = line.split(" ", 2);
      if (words[0].equals("session") && words.length == 2) {
        sessions.add(words[1]);
      } else {
        Process.parse(line).ifPresent(processes::add);
      }
    }
    return new PidFile(processes, sessions);
  }
}
