package dev.wall.bench.wall;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches a wall's process tree while it plays: the peak resident memory (VmHWM, which the kernel
 * keeps per process) of every rank JVM and every mpv, and which mpv windows run with libfaketime
 * loaded. Polls, because players of the seed's method come and go every loop.
 */
public final class ProcessWatch implements AutoCloseable {
  /**
   * Fast while the wall starts, for the start-up breakdown; slow after, VmHWM keeps the peak
   * anyway.
   */
  private static final long STARTING_POLL_NANOS = Duration.ofMillis(200).toNanos();

  private static final long POLL_NANOS = Duration.ofSeconds(1).toNanos();
  private static final int MAPS_LOOKS = 3;

  private final ProcessHandle root;
  private final String rankMain;
  private final Thread poller;
  private final Map<Long, Long> ranks = new ConcurrentHashMap<>();
  private final Map<Long, Long> players = new ConcurrentHashMap<>();
  private final Set<String> fakeTimeTitles = ConcurrentHashMap.newKeySet();
  private final Map<Long, Integer> mapsLooks = new ConcurrentHashMap<>();
  private final int screens;
  private volatile long rankPeakKb;
  private volatile long playerPeakKb;
  private volatile boolean closing;
  private CpuMark cpuFrom;
  private CpuMark cpuTo;

  /**
   * @param root the process the wall was started as; ranks and players are its descendants
   * @param rankMain the rank JVM's main class, to tell ranks from the controller JVM and from
   *     mpirun (whose argv names it too)
   * @param screens ranks and players to expect: polling slows down once all were seen
   */
  public ProcessWatch(ProcessHandle root, String rankMain, int screens) {
    this.root = root;
    this.rankMain = rankMain;
    this.screens = screens;
    this.poller = new Thread(this::pollUntilClosed, "process-watch");
    poller.setDaemon(true);
    poller.start();
  }

  private void pollUntilClosed() {
    while (!closing) {
      pollOnce();
      LockSupport.parkNanos(
          ranks.size() < screens || players.size() < screens ? STARTING_POLL_NANOS : POLL_NANOS);
    }
  }

  /** One look at every descendant; also called once more on close, so a short run is seen. */
  public synchronized void pollOnce() {
    root.descendants()
        .forEach(
            process -> {
              List<String> argv = commandLine(process.pid());
              if (argv.isEmpty()) {
                return;
              }
              String program = Path.of(argv.get(0)).getFileName().toString();
              if (isRank(argv)
                  && !process.parent().map(p -> isRank(commandLine(p.pid()))).orElse(false)) {
                ranks.putIfAbsent(process.pid(), System.nanoTime());
                rankPeakKb = Math.max(rankPeakKb, peakKb(process.pid()));
              } else if (program.equals("mpv")) {
                players.putIfAbsent(process.pid(), System.nanoTime());
                playerPeakKb = Math.max(playerPeakKb, peakKb(process.pid()));
                // A player's libraries are all mapped a moment after it starts; its maps are long,
                // so look
                // only in its first few polls.
                if (mapsLooks.merge(process.pid(), 1, Integer::sum) <= MAPS_LOOKS
                    && mapsFakeTime(process.pid())) {
                  argv.stream()
                      .filter(a -> a.startsWith("--title="))
                      .forEach(a -> fakeTimeTitles.add(a.substring(8)));
                }
              }
            });
  }

  /**
   * A rank JVM, or a child it is forking (until the child's exec, /proc shows the parent's command
   * line): the caller tells them apart by the parent.
   */
  private boolean isRank(List<String> argv) {
    return isRank(argv, rankMain);
  }

  /** A JVM running {@code rankMain} (or a child it is forking: see above), by its command line. */
  public static boolean isRank(List<String> argv, String rankMain) {
    return !argv.isEmpty()
        && Path.of(argv.get(0)).getFileName().toString().equals("java")
        && argv.contains(rankMain);
  }

  /** CPU time so far of every rank and every player, and when: see {@link #cpuUse}. */
  private record CpuMark(long nanos, Map<Long, Long> ranks, Map<Long, Long> players) {}

  /**
   * What the ranks and players used of the CPU between two marks: the mean per process, in percent
   * of one core. A player or rank that came or went between the marks counts from its first mark to
   * its last.
   *
   * @param rankPercent mean CPU of a rank JVM
   * @param playerPercent mean CPU of a player
   */
  public record CpuUse(double rankPercent, double playerPercent) {}

  /** The first mark: from here {@link #cpuUse} counts (start-up is left out). */
  public synchronized void markCpuStart() {
    pollOnce();
    cpuFrom = cpuMark();
  }

  /** The second mark: the wall still plays, the sampling is over. */
  public synchronized void markCpuEnd() {
    pollOnce();
    cpuTo = cpuMark();
  }

  /** Between the two marks, or null if either is missing. */
  public synchronized CpuUse cpuUse() {
    if (cpuFrom == null || cpuTo == null || cpuTo.nanos <= cpuFrom.nanos) {
      return null;
    }
    double seconds = (cpuTo.nanos - cpuFrom.nanos) / 1e9;
    return new CpuUse(
        percent(cpuFrom.ranks, cpuTo.ranks, seconds),
        percent(cpuFrom.players, cpuTo.players, seconds));
  }

  private static double percent(Map<Long, Long> from, Map<Long, Long> to, double seconds) {
    long used = 0;
    int counted = 0;
    for (Map.Entry<Long, Long> end : to.entrySet()) {
      Long start = from.get(end.getKey());
      if (start != null && end.getValue() >= start) {
        used += end.getValue() - start;
        counted++;
      }
    }
    return counted == 0 ? Double.NaN : used / 1e9 / seconds / counted * 100;
  }

  private CpuMark cpuMark() {
    return new CpuMark(System.nanoTime(), cpuNanos(ranks.keySet()), cpuNanos(players.keySet()));
  }

  private static Map<Long, Long> cpuNanos(Set<Long> pids) {
    Map<Long, Long> cpu = new java.util.HashMap<>();
    for (long pid : pids) {
      ProcessHandle.of(pid)
          .flatMap(p -> p.info().totalCpuDuration())
          .ifPresent(d -> cpu.put(pid, d.toNanos()));
    }
    return cpu;
  }

  /** The largest VmHWM of any rank JVM seen, in kB. */
  public long rankPeakKb() {
    return rankPeakKb;
  }

  /** The largest VmHWM of any mpv seen, in kB. */
  public long playerPeakKb() {
    return playerPeakKb;
  }

  public int ranksSeen() {
    return ranks.size();
  }

  public int playersSeen() {
    return players.size();
  }

  /** When the {@code n}th rank JVM (1-based) was first seen, or -1. */
  public long rankSeenNanos(int n) {
    return nthSeen(ranks, n);
  }

  /** When the {@code n}th mpv (1-based) was first seen, or -1. */
  public long playerSeenNanos(int n) {
    return nthSeen(players, n);
  }

  private static long nthSeen(Map<Long, Long> seen, int n) {
    List<Long> times = seen.values().stream().sorted().toList();
    return n <= times.size() ? times.get(n - 1) : -1;
  }

  /** Window titles of the players that had libfaketime loaded. */
  public Set<String> fakeTimeTitles() {
    return new TreeSet<>(fakeTimeTitles);
  }

  public static List<String> commandLine(long pid) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline"));
      String text = new String(raw, StandardCharsets.UTF_8);
      return text.isEmpty() ? List.of() : List.of(text.split("\0"));
    } catch (IOException e) {
      return List.of();
    }
  }

  /** VmHWM from /proc/PID/status, in kB; 0 once the process is gone. */
  static long peakKb(long pid) {
    return memoryKb(pid, "VmHWM");
  }

  /**
   * A memory figure from /proc/PID/status ({@code VmRSS}, {@code VmHWM}), in kB; 0 once the process
   * is gone.
   */
  public static long memoryKb(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Gone between listing and reading: its earlier readings stand.
    }
    return 0;
  }

  private static boolean mapsFakeTime(long pid) {
    try {
      return Files.readString(Path.of("/proc", String.valueOf(pid), "maps"))
          .contains("libfaketime");
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    closing = true;
    try {
      poller.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    pollOnce();
  }
}
