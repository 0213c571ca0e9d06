package dev.wall.bench;

import dev.wall.bench.analysis.SyncFigures;
import dev.wall.bench.analysis.SyncFigures.LoopFigures;
import dev.wall.bench.sampling.SamplingStats;
import java.util.List;
import java.util.Locale;

/** A case's figures beyond the table: spread histogram, each loop, sampling, notes. */
final class Details {
  private Details() {}

  static String of(CaseResult r) {
    StringBuilder text = new StringBuilder();
    text.append("Case ")
        .append(r.benchCase().number())
        .append(" (")
        .append(r.benchCase().title())
        .append("):\n");
    if (r.failure() != null) {
      text.append("  FAILED: ").append(r.failure()).append('\n');
    }
    SyncFigures s = r.sync();
    if (s.started()) {
      SamplingStats sampling = r.sampling();
      text.append(
          String.format(
              Locale.ROOT,
              "  %d screenshots over %.1f s (%.2f/s, gap median %.0f ms, max %.0f ms); %d with every tile read;"
                  + " spread histogram (frames: screenshots) %s; %d torn tiles (caught mid-repaint, read)%n",
              s.samples(),
              s.samplingSeconds(),
              sampling.perSecond(),
              sampling.medianIntervalMs(),
              sampling.maxIntervalMs(),
              s.decodedSamples(),
              s.spreadCounts(),
              s.tornTiles()));
      text.append(
          String.format(
              Locale.ROOT,
              "  seams: %d, %d screenshots at them, %d failed tiles there%n",
              s.seams(),
              s.seamSamples(),
              s.failedTilesAtSeams()));
      StringBuilder loops = new StringBuilder();
      for (LoopFigures loop : s.loops()) {
        loops.append(
            String.format(
                Locale.ROOT,
                " #%d: %d shots, median %.1f, max %d, failed tiles %d;",
                loop.loop(),
                loop.samples(),
                loop.medianSpread(),
                loop.maxSpread(),
                loop.failedTiles()));
      }
      text.append("  per loop:").append(loops).append('\n');
    }
    List<String> misses = Targets.misses(r);
    if (r.benchCase().method() == BenchCase.Method.SEED) {
      text.append("  targets: not judged (the seed tutorial's method)\n");
    } else if (misses.isEmpty()) {
      text.append("  targets: all met\n");
    } else {
      misses.forEach(miss -> text.append("  target missed: ").append(miss).append('\n'));
    }
    for (String note : r.notes()) {
      text.append("  ").append(note).append('\n');
    }
    return text.toString();
  }
}
