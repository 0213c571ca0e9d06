package dev.wall.bench.model;

import dev.wall.bench.report.Machine;
import dev.wall.bench.report.MarkdownTable;
import dev.wall.bench.wall.WallLaunch;
import dev.wall.player.launch.MpirunCommand;
import dev.wall.player.nodes.LocalMachine;
import dev.wall.player.process.ChildProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * The scaling model of issue 23: what a control round costs per rank and per message, and what a
 * rank costs to start, measured with ranks that decode nothing ({@link ModelRankMain}), so that 32
 * of them fit on a small machine; then the figures for a wall of {@code screens} screens on {@code
 * nodes} nodes with a core each, worked out from them.
 *
 * <p>The model: a rank's start is CPU-bound (its JVM, MPI_Init, the layout), so on a node with a
 * core of its own it takes its CPU time, and ranks sharing a core take theirs one after another;
 * the launch itself (mpirun, its daemons) is measured as what is left of the release once the
 * ranks' CPU is taken off. A control round is rank 0 gathering every rank's status and broadcasting
 * one command: its cost is fitted as a fixed part and a part per rank, once over shared memory and
 * once over TCP (the messages a wall across nodes sends).
 */
public final class ScalingModel {
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
  private static final double CLIP_SECONDS = 8;

  /**
   * What reaching the nodes over ssh adds to a launch, all nodes at once: 4 namespace nodes started
   * 0.78 s later than 4 local ranks (bench/run --scaling, README).
   */
  private static final double SSH_LAUNCH_SECONDS = 0.78;

  /** One run of {@code ranks} model ranks over {@code transport}. */
  public record Run(
      int ranks,
      String transport,
      double releaseSeconds,
      double startCpuMedianMs,
      double startCpuMaxMs,
      double roundMedianMs,
      double roundMaxMs,
      int rounds,
      double playCpuPerRoundMs,
      String failure) {}

  private final Path dir;
  private final PrintStream progress;

  public ScalingModel(Path dir, PrintStream progress) {
    this.dir = dir;
    this.progress = progress;
  }

  /** Runs each count over shared memory and over TCP, in one sitting. */
  public List<Run> run(List<Integer> counts) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    List<Run> runs = new ArrayList<>();
    for (String transport : List.of("vader", "tcp")) {
      for (int ranks : counts) {
        progress.println("bench: model: " + ranks + " ranks over " + transport);
        runs.add(launch(ranks, transport));
      }
    }
    return runs;
  }

  private Run launch(int ranks, String transport) throws IOException, InterruptedException {
    Path log = dir.resolve("model-" + ranks + "-" + transport + ".log");
    Files.deleteIfExists(log);
    List<String> argv = new ArrayList<>(List.of("mpirun"));
    argv.addAll(
        List.of(
            "--mca",
            "rtc_hwloc_vmhole",
            "none",
            "--mca",
            "pml",
            "ob1",
            "--mca",
            "btl",
            transport.equals("tcp") ? "self,tcp" : "self,vader"));
    if (LocalMachine.detect().root()) {
      argv.add("--allow-run-as-root");
    }
    argv.addAll(
        List.of(
            "--oversubscribe",
            "--mca",
            "mpi_yield_when_idle",
            "1",
            "--bind-to",
            "none",
            "-np",
            String.valueOf(ranks),
            "--host",
            "localhost:" + ranks,
            WallLaunch.java()));
    argv.addAll(MpirunCommand.RANK_JVM_OPTIONS);
    argv.addAll(
        List.of(
            "-cp",
            WallLaunch.ownClasspath(),
            ModelRankMain.class.getName(),
            String.valueOf(ranks),
            String.valueOf(CLIP_SECONDS)));
    long launched = System.nanoTime();
    double released = -1;
    int code;
    try (ChildProcess mpirun = ChildProcess.start("model mpirun", argv, log, java.util.Map.of())) {
      long deadline = launched + RUN_TIMEOUT.toNanos();
      while (mpirun.isAlive() && System.nanoTime() < deadline) {
        if (released < 0
            && Files.readString(log, StandardCharsets.UTF_8).contains("model-released")) {
          released = (System.nanoTime() - launched) / 1e9;
        }
        LockSupport.parkNanos(5_000_000);
      }
      code = mpirun.waitFor(Duration.ofSeconds(5)).orElse(-1);
    }
    String text = Files.readString(log, StandardCharsets.UTF_8);
    List<String> lines = text.lines().toList();
    double[] startCpu = figures(text, "model-rank \\d+ start-cpu-ms (\\d+)");
    double[] playCpu = figures(text, "play-cpu-ms (\\d+)");
    double[] rounds = figures(text, "model-round ([0-9.]+)");
    if (code != 0 || startCpu.length != ranks || rounds.length == 0) {
      String last = String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
      String why =
          code == -1
              ? "not done within " + RUN_TIMEOUT.toMinutes() + " min (load " + Machine.loads() + ")"
              : "exit " + code + ": " + last;
      return new Run(ranks, transport, released, 0, 0, 0, 0, 0, 0, why);
    }
    return new Run(
        ranks,
        transport,
        released,
        median(startCpu),
        startCpu[startCpu.length - 1],
        median(rounds),
        rounds[rounds.length - 1],
        rounds.length,
        median(playCpu) / rounds.length,
        null);
  }

  /** Every match of {@code pattern}'s group in {@code text}, sorted. */
  private static double[] figures(String text, String pattern) {
    return java.util.regex.Pattern.compile(pattern)
        .matcher(text)
        .results()
        .mapToDouble(m -> Double.parseDouble(m.group(1)))
        .sorted()
        .toArray();
  }

  private static double median(double[] sorted) {
    return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
  }

  /** A least-squares line through (ranks, figure): {@code [fixed, perRank]}. */
  static double[] fit(double[] x, double[] y) {
    double mx = Arrays.stream(x).average().orElse(0);
    double my = Arrays.stream(y).average().orElse(0);
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    double slope = sxx == 0 ? 0 : sxy / sxx;
    return new double[] {my - slope * mx, slope};
  }

  /** The runs as a table, the fitted costs, and the figures for the wall asked about. */
  public static void print(
      List<Run> runs, int screens, int nodes, int cores, String loadsAtStart, PrintStream out) {
    out.println("Scaling model, " + java.time.Instant.now().toString().substring(0, 16) + " UTC");
    out.println(Machine.describe());
    out.println(
        "Load average at the start (1, 5, 15 min): " + loadsAtStart + "; now: " + Machine.loads());
    out.println();
    List<List<String>> rows = new ArrayList<>();
    rows.add(
        List.of(
            "ranks",
            "transport",
            "release s",
            "rank start CPU ms (median, max)",
            "round median ms",
            "round worst ms",
            "rounds",
            "CPU per rank per round ms"));
    for (Run run : runs) {
      rows.add(
          run.failure() != null
              ? List.of(
                  String.valueOf(run.ranks()),
                  run.transport(),
                  "failed: " + run.failure(),
                  "",
                  "",
                  "",
                  "",
                  "")
              : List.of(
                  String.valueOf(run.ranks()),
                  run.transport(),
                  f("%.2f", run.releaseSeconds()),
                  f("%.0f, %.0f", run.startCpuMedianMs(), run.startCpuMaxMs()),
                  f("%.2f", run.roundMedianMs()),
                  f("%.2f", run.roundMaxMs()),
                  String.valueOf(run.rounds()),
                  f("%.3f", run.playCpuPerRoundMs())));
    }
    out.print(MarkdownTable.render(rows, 2));
    out.println();
    List<Run> ok = runs.stream().filter(r -> r.failure() == null).toList();
    Run alone =
        ok.stream()
            .filter(r -> r.transport().equals("tcp") && r.ranks() <= cores)
            .findFirst()
            .orElse(null);
    if (alone == null) {
      out.println("No run of at most " + cores + " ranks over TCP succeeded: no model.");
      return;
    }
    // With no more ranks than cores, each rank has a core: its start takes its CPU time, and
    // what is left of the release is the launch (mpirun, its daemon, MPI's wiring).
    double rankStart = alone.startCpuMedianMs() / 1000;
    double launch = Math.max(0, alone.releaseSeconds() - rankStart);
    List<Run> tcp =
        ok.stream().filter(r -> r.transport().equals("tcp") && r.ranks() <= 4 * cores).toList();
    double[] line =
        fit(
            tcp.stream().mapToDouble(Run::ranks).toArray(),
            tcp.stream().mapToDouble(Run::roundMedianMs).toArray());
    int perCore = (int) Math.ceil(screens / (double) nodes);
    double release = SSH_LAUNCH_SECONDS + launch + perCore * rankStart;
    double round = line[0] + line[1] * screens;
    out.println(
        f(
            "Measured with a core per rank (%d ranks over TCP): a rank's start costs %.0f ms of CPU;"
                + " the launch around it (mpirun, its daemon, MPI's wiring) %.2f s; a control round"
                + " %.2f ms.",
            alone.ranks(), rankStart * 1000, launch, alone.roundMedianMs()));
    out.println(
        f(
            "A control round over TCP, fitted over %d to %d ranks: %.2f ms fixed + %.3f ms per"
                + " rank (rank 0 receives one status of about 60 bytes from each, and every rank"
                + " one command of 16 bytes per screen).",
            tcp.get(0).ranks(), tcp.get(tcp.size() - 1).ranks(), line[0], line[1]));
    out.println(
        f(
            "Model for %d screens on %d nodes with a core each (%d ranks per core): release in"
                + " %.2f s (ssh to the nodes %.2f s, launch %.2f s, %d x %.2f s of rank start);"
                + " a control round %.2f ms. Targets: release within 4 s, a round under 5 ms.",
            screens,
            nodes,
            perCore,
            release,
            SSH_LAUNCH_SECONDS,
            launch,
            perCore,
            rankStart,
            round));
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
