package dev.wall.bench.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.wall.bench.CaseResult;
import dev.wall.bench.analysis.SyncFigures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * A run's figures as a file, {@code results.json} beside {@code results.md}: what {@code --compare}
 * reads back, and what {@code bench/baseline/} records. Every figure is one a person would judge
 * the run by; the machine and its load are part of every record, as the machine is shared.
 *
 * @param recorded when the run began
 * @param machine where it ran
 * @param bench the commit of the benchmark that measured
 * @param cases each case's figures, in the order they ran
 */
public record Figures(
    String recorded, MachineFigures machine, String bench, List<CaseFigures> cases) {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public Figures {
    cases = List.copyOf(cases);
  }

  /**
   * @param cores what nproc says
   * @param cpu the CPU's model name
   * @param kernel the kernel's release
   * @param loadAtStart the three load averages (1, 5, 15 min) when the run began
   * @param loadAtEnd the same when it ended
   */
  public record MachineFigures(
      int cores, String cpu, String kernel, String loadAtStart, String loadAtEnd) {
    /** This machine, now. */
    public static MachineFigures here(String loadAtStart) {
      return new MachineFigures(
          Runtime.getRuntime().availableProcessors(),
          Machine.cpuModel(),
          Machine.kernel(),
          loadAtStart,
          Machine.loads());
    }
  }

  /**
   * One case of one run. Lower is better for every figure that {@link Comparison} compares.
   *
   * @param name the case's short name ({@code plain}, {@code loaded}, ...)
   * @param wall the commit of the wall that played (its build's record), or empty for the seed
   * @param offByOnePercent screenshots with the screens one frame or more apart, in percent of the
   *     screenshots with every tile read
   * @param rankCpuPercent a rank JVM's mean CPU while sampling, in percent of one core; NaN unknown
   * @param droppedFrames frames the players dropped, as the wall reports; -1 when it does not
   * @param failure why the case was cut short or could not run, or null
   */
  public record CaseFigures(
      String name,
      String title,
      String wall,
      int samples,
      double medianSpread,
      int maxSpread,
      double offByOnePercent,
      int blankTiles,
      int undecodableTiles,
      int blankAtSeams,
      int seams,
      double startupSeconds,
      double rankPeakMb,
      double mpvPeakMb,
      int seeks,
      double rankCpuPercent,
      double mpvCpuPercent,
      long droppedFrames,
      double loadBefore,
      double loadAfter,
      String failure) {

    public static CaseFigures of(CaseResult r) {
      SyncFigures s = r.sync();
      int offByOne =
          s.spreadCounts().entrySet().stream()
              .filter(e -> e.getKey() >= 1)
              .mapToInt(Map.Entry::getValue)
              .sum();
      double share = s.decodedSamples() == 0 ? Double.NaN : 100.0 * offByOne / s.decodedSamples();
      var cpu = r.run() == null ? null : r.run().cpu();
      return new CaseFigures(
          r.benchCase().name(),
          r.benchCase().title(),
          r.wallLabel(),
          s.samples(),
          s.medianSpread(),
          s.maxSpread(),
          share,
          s.blankTiles(),
          s.undecodableTiles(),
          s.failedTilesAtSeams(),
          s.seams(),
          s.startupSeconds(),
          r.rankPeakMb(),
          r.playerPeakMb(),
          r.seeks(),
          cpu == null ? Double.NaN : cpu.rankPercent(),
          cpu == null ? Double.NaN : cpu.playerPercent(),
          r.run() == null ? -1 : r.run().droppedFrames(),
          r.loadBefore(),
          r.loadAfter(),
          r.failure());
    }
  }

  /** The figures of {@code results}, taken on this machine. */
  public static Figures of(
      String recorded, String loadAtStart, String bench, List<CaseResult> results) {
    return new Figures(
        recorded,
        MachineFigures.here(loadAtStart),
        bench,
        results.stream().map(CaseFigures::of).toList());
  }

  /** Written whole, under a temporary name then renamed: a reader never sees half a record. */
  public void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    JSON.writeValue(tmp.toFile(), this);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Reads a file {@link #write} wrote.
   *
   * @throws IOException naming the file and what is wrong with it
   */
  public static Figures read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(
          file + ": no such file (a results.json of an earlier run, or bench/baseline/*.json)");
    }
    try {
      Figures figures = JSON.readValue(file.toFile(), Figures.class);
      if (figures.cases() == null || figures.machine() == null) {
        throw new IOException(file + ": not a benchmark's figures (no cases or no machine)");
      }
      return figures;
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IOException(file + ": not a benchmark's figures: " + e.getOriginalMessage(), e);
    }
  }

  /** The first case of that name, or null. */
  public CaseFigures find(String name) {
    return cases.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
  }
}
