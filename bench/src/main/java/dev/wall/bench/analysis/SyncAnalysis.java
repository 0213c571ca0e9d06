package dev.wall.bench.analysis;

import dev.wall.bench.analysis.SyncFigures.LoopFigures;
import dev.wall.bench.code.TileReading;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** Turns a run's decoded screenshots into its figures. Pure. */
public final class SyncAnalysis {
  /** Samples this close to a seam count as at the seam: a 30 fps wall shows 15 frames in it. */
  public static final Duration SEAM_MARGIN = Duration.ofMillis(500);

  /** Tiles wrap within a second of each other at one seam; further apart, it is the next seam. */
  private static final long SAME_SEAM_NANOS = Duration.ofSeconds(5).toNanos();

  /** Screens change items within a frame or two of each other; items last seconds. */
  private static final long SAME_TRANSITION_NANOS = Duration.ofSeconds(1).toNanos();

  private final int clipFrames;

  /**
   * @param clipFrames frames in one loop of the clips (all clips have the same length)
   */
  public SyncAnalysis(int clipFrames) {
    this.clipFrames = clipFrames;
  }

  public SyncFigures analyse(List<Sample> all, long launchNanos) {
    int start = startupIndex(all);
    if (start < 0) {
      return new SyncFigures(
          Double.NaN, 0, 0, 0, Double.NaN, 0, new TreeMap<>(), 0, 0, 0, 0, 0, 0, List.of());
    }
    List<Sample> samples = all.subList(start, all.size());
    List<Seam> seams = seams(samples);
    long margin = SEAM_MARGIN.toNanos();
    List<Integer> spreads = new ArrayList<>();
    SortedMap<Integer, Integer> counts = new TreeMap<>();
    int blank = 0;
    int undecodable = 0;
    int torn = 0;
    int seamSamples = 0;
    int failedAtSeams = 0;
    for (Sample sample : samples) {
      for (TileReading tile : sample.tiles()) {
        blank += tile.status() == TileReading.Status.BLANK ? 1 : 0;
        undecodable += tile.status() == TileReading.Status.UNDECODABLE ? 1 : 0;
        torn += tile.torn() ? 1 : 0;
      }
      if (seams.stream().anyMatch(s -> s.covers(sample.nanos(), margin))) {
        seamSamples++;
        failedAtSeams += (int) sample.failedTiles();
      }
      if (sample.allDecoded()) {
        int spread = sample.spread(clipFrames);
        spreads.add(spread);
        counts.merge(spread, 1, Integer::sum);
      }
    }
    int[] spreadArray = spreads.stream().mapToInt(Integer::intValue).toArray();
    double seconds = (samples.get(samples.size() - 1).nanos() - samples.get(0).nanos()) / 1e9;
    return new SyncFigures(
        (samples.get(0).nanos() - launchNanos) / 1e9,
        samples.size(),
        seconds,
        spreadArray.length,
        Spread.median(spreadArray),
        maxOf(spreadArray),
        counts,
        blank,
        undecodable,
        torn,
        seams.size(),
        seamSamples,
        failedAtSeams,
        loops(samples, seams));
  }

  /** The first sample where every screen is moving. */
  int startupIndex(List<Sample> samples) {
    for (int i = 0; i < samples.size(); i++) {
      if (everyScreenMoving(samples.get(i), clipFrames)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Every tile read, and every screen past frame 0 of its first loop (a frame in the first half of
   * the clip: a screen that only held its last frame is not moving yet).
   */
  public static boolean everyScreenMoving(Sample sample, int clipFrames) {
    return sample.allDecoded()
        && sample.tiles().stream().allMatch(t -> t.frame() >= 1 && t.frame() < clipFrames / 2);
  }

  /**
   * Seams, from each screen's own wraps: a screen wrapped between two of its decoded samples when
   * its frame went back by more than half the clip. One seam spans all screens' wraps.
   */
  List<Seam> seams(List<Sample> samples) {
    List<Seam> wraps = new ArrayList<>();
    int screens = samples.isEmpty() ? 0 : samples.get(0).tiles().size();
    for (int screen = 0; screen < screens; screen++) {
      int lastFrame = -1;
      long lastNanos = 0;
      for (Sample sample : samples) {
        TileReading tile = sample.tiles().get(screen);
        if (!tile.isDecoded()) {
          continue;
        }
        if (lastFrame >= 0 && tile.frame() < lastFrame - clipFrames / 2) {
          wraps.add(new Seam(lastNanos, sample.nanos()));
        }
        lastFrame = tile.frame();
        lastNanos = sample.nanos();
      }
    }
    wraps.sort(Comparator.comparingLong(Seam::fromNanos));
    List<Seam> seams = new ArrayList<>();
    for (Seam wrap : wraps) {
      int lastIndex = seams.size() - 1;
      if (lastIndex >= 0 && wrap.fromNanos() - seams.get(lastIndex).toNanos() < SAME_SEAM_NANOS) {
        seams.set(lastIndex, seams.get(lastIndex).merge(wrap));
      } else {
        seams.add(wrap);
      }
    }
    return seams;
  }

  /**
   * Playlist transitions: samples within {@link #SEAM_MARGIN} of a screen moving from one item to
   * the next (the loop's seam included), how far apart the screens were in them, and how many tiles
   * there were blank or unreadable. Frames are read as places in the loop ({@code Show.loopFrame});
   * item k spans frames k × {@code itemFrames} up to the next.
   */
  public TransitionFigures transitions(List<Sample> all, int itemFrames) {
    int start = startupIndex(all);
    if (start < 0) {
      return new TransitionFigures(0, 0, 0, 0, new TreeMap<>());
    }
    List<Sample> samples = all.subList(start, all.size());
    List<Seam> changes = new ArrayList<>();
    int screens = samples.get(0).tiles().size();
    for (int screen = 0; screen < screens; screen++) {
      int lastItem = -1;
      long lastNanos = 0;
      for (Sample sample : samples) {
        TileReading tile = sample.tiles().get(screen);
        if (!tile.isDecoded()) {
          continue;
        }
        int item = tile.frame() / itemFrames;
        if (lastItem >= 0 && item != lastItem) {
          changes.add(new Seam(lastNanos, sample.nanos()));
        }
        lastItem = item;
        lastNanos = sample.nanos();
      }
    }
    List<Seam> transitions = merged(changes, SAME_TRANSITION_NANOS);
    long margin = SEAM_MARGIN.toNanos();
    int at = 0;
    int maxSpread = 0;
    int failed = 0;
    SortedMap<Integer, Integer> counts = new TreeMap<>();
    for (Sample sample : samples) {
      if (transitions.stream().noneMatch(t -> t.covers(sample.nanos(), margin))) {
        continue;
      }
      at++;
      failed += (int) sample.failedTiles();
      if (sample.allDecoded()) {
        int spread = sample.spread(clipFrames);
        maxSpread = Math.max(maxSpread, spread);
        counts.merge(spread, 1, Integer::sum);
      }
    }
    return new TransitionFigures(transitions.size(), at, maxSpread, failed, counts);
  }

  /**
   * @param transitions item changes seen (every screen's at one moment counts once)
   * @param samples screenshots taken at them
   * @param maxSpread the largest spread among those with every tile read
   * @param failedTiles blank or unreadable tiles among them
   * @param spreadCounts how many of them had each spread
   */
  public record TransitionFigures(
      int transitions,
      int samples,
      int maxSpread,
      int failedTiles,
      SortedMap<Integer, Integer> spreadCounts) {}

  private static List<Seam> merged(List<Seam> wraps, long window) {
    List<Seam> sorted = new ArrayList<>(wraps);
    sorted.sort(Comparator.comparingLong(Seam::fromNanos));
    List<Seam> seams = new ArrayList<>();
    for (Seam wrap : sorted) {
      int lastIndex = seams.size() - 1;
      if (lastIndex >= 0 && wrap.fromNanos() - seams.get(lastIndex).toNanos() < window) {
        seams.set(lastIndex, seams.get(lastIndex).merge(wrap));
      } else {
        seams.add(wrap);
      }
    }
    return seams;
  }

  private List<LoopFigures> loops(List<Sample> samples, List<Seam> seams) {
    List<LoopFigures> loops = new ArrayList<>();
    int from = 0;
    for (int loop = 0; loop <= seams.size() && from < samples.size(); loop++) {
      long end = loop < seams.size() ? seams.get(loop).toNanos() : Long.MAX_VALUE;
      int to = from;
      while (to < samples.size() && samples.get(to).nanos() < end) {
        to++;
      }
      List<Sample> part = samples.subList(from, to);
      int[] spreads =
          part.stream().filter(Sample::allDecoded).mapToInt(s -> s.spread(clipFrames)).toArray();
      loops.add(
          new LoopFigures(
              loop + 1,
              part.size(),
              spreads.length,
              Spread.median(spreads),
              maxOf(spreads),
              part.stream().mapToLong(Sample::failedTiles).sum()));
      from = to;
    }
    return loops;
  }

  private static int maxOf(int[] values) {
    int max = 0;
    for (int v : values) {
      max = Math.max(max, v);
    }
    return max;
  }
}
