package dev.wall.player.rank;

import dev.wall.core.layout.Screen;
import dev.wall.core.layout.SyncSettings;
import dev.wall.core.sync.CommonInstant;
import dev.wall.core.sync.DriftCorrector;
import dev.wall.core.sync.RankStatus;
import dev.wall.core.sync.RoundCommand.Action;
import dev.wall.core.sync.RoundCommand;
import dev.wall.player.wire.LoopReport.ScreenLoop;
import dev.wall.player.wire.LoopReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** Rank 0's side of each control round: decides what every rank does, and keeps the loop's figures. */
final class Conductor {
  private final List<Screen> screens;
  private final DriftCorrector corrector;
  private final double roundSeconds;
  /** The playlist item the wall is in: its step's first item plus the items started so far in it. */
  private int stepFirstItem;
  private List<Double> itemStarts = List.of(0.0);
  private int item;
  private final java.util.TreeMap<Integer, double[]> itemFigures = new java.util.TreeMap<>();
  private double maxSkew;
  private double lastSkew;
  private double lastReference;
  private int[] trims;
  private int[] seeks;
  private List<RankStatus> atSeam = List.of();

  Conductor(List<Screen> screens, SyncSettings settings, Duration roundInterval) {
    this.screens = screens;
    this.corrector = new DriftCorrector(settings, screens);
    this.roundSeconds = roundInterval.toNanos() / 1e9;
    this.trims = new int[screens.size()];
    this.seeks = new int[screens.size()];
  }

  RoundCommand decide(List<RankStatus> all, double dt) {
    String failures = failures(all);
    if (failures != null) {
      return RoundCommand.abort(failures, all.size());
    }
    int n = all.size();
    double[] positions = CommonInstant.positions(all);
    boolean[] playing = new boolean[n];
    double longestRemaining = 0;
    for (int i = 0; i < n; i++) {
      RankStatus status = all.get(i);
      playing[i] = !status.atEnd();
      if (playing[i]) {
        longestRemaining = Math.max(longestRemaining, status.remaining() / status.rate());
      }
    }
    DriftCorrector.Correction correction = corrector.correct(positions, playing, dt);
    record(correction, positions);
    // Rounds stop before the end: the seam is met by each rank watching its own last frame.
    Action action = longestRemaining < roundSeconds * 1.5 ? Action.AWAIT_END : Action.PLAY;
    return new RoundCommand(action, correction.rates(), correction.seeks(), "");
  }

  double lastSkew() {
    return lastSkew;
  }

  /**
   * A step of the playlist begins: item by item, step k is item k; as one timeline, the single
   * step holds every item, starting where {@code starts} say.
   */
  void startStep(int step, int steps, List<Double> starts) {
    stepFirstItem = steps > 1 ? step : 0;
    itemStarts = starts;
    item = stepFirstItem;
    for (int i = 0; i < starts.size(); i++) {
      itemFigures.putIfAbsent(stepFirstItem + i, new double[2]);
    }
  }


  /** The furthest position at the last round: where the wall is in its loop. */
  double lastReference() {
    return lastReference;
  }

  /**
   * A round in {@code independent} loop mode: every clip restarts on its own, so each rank sends
   * its virtual position (loops done times its clip's length, plus its position) and those are
   * kept together. The wall ends after {@code loops} loops of the longest clip.
   */
  RoundCommand decideIndependent(List<RankStatus> all, double dt, int loops) {
    String failures = failures(all);
    if (failures != null) {
      return RoundCommand.abort(failures, all.size());
    }
    int n = all.size();
    double[] positions = CommonInstant.positions(all);
    boolean[] playing = new boolean[n];
    java.util.Arrays.fill(playing, true);
    DriftCorrector.Correction correction = corrector.correct(positions, playing, dt);
    record(correction, positions);
    double longest = longestClip(all);
    double furthest = lastReference;
    double endsIn = loops == 0 ? Double.MAX_VALUE : (loops * longest - furthest) / all.get(0).rate();
    Action action = endsIn < roundSeconds * 1.5 ? Action.AWAIT_END : Action.PLAY;
    return new RoundCommand(action, correction.rates(), correction.seeks(), "", Math.max(0, endsIn));
  }

  static double longestClip(List<RankStatus> all) {
    return all.stream().mapToDouble(RankStatus::duration).max().orElse(0);
  }

  /** How many loops of the longest clip the wall has completed, by the furthest screen. */
  int loopsCompleted(double longestClip) {
    return longestClip <= 0 ? 0 : (int) Math.floor(lastReference / longestClip + 1e-6);
  }

  private void record(DriftCorrector.Correction correction, double[] positions) {
    maxSkew = Math.max(maxSkew, correction.skewSeconds());
    lastSkew = correction.skewSeconds();
    lastReference = java.util.Arrays.stream(positions).max().orElse(0);
    int within = 0;
    for (int i = 1; i < itemStarts.size(); i++) {
      within = lastReference >= itemStarts.get(i) ? i : within;
    }
    item = stepFirstItem + within;
    double[] figures = itemFigures.computeIfAbsent(item, k -> new double[2]);
    figures[0] = Math.max(figures[0], correction.skewSeconds());
    figures[1]++;
    for (int i = 0; i < positions.length; i++) {
      trims[i] += correction.trimmed()[i] ? 1 : 0;
      seeks[i] += Double.isNaN(correction.seeks()[i]) ? 0 : 1;
    }
  }

  /** A round that only checks health: everyone carries on, or everyone stops. */
  RoundCommand agree(List<RankStatus> all) {
    atSeam = all;
    String failures = failures(all);
    int n = all.size();
    return failures == null
        ? new RoundCommand(Action.PLAY, RoundCommand.ones(n), RoundCommand.nans(n), "")
        : RoundCommand.abort(failures, n);
  }

  /** Every screen was just released together: the corrector aligns before it learns again. */
  void released() {
    corrector.released();
  }

  /** The loop's figures, from the rounds and the seam's statuses; resets them for the next loop. */
  LoopReport finishLoop(int loop, int loops, double seconds, double frameRate) {
    List<ScreenLoop> perScreen = new ArrayList<>();
    for (int i = 0; i < screens.size(); i++) {
      RankStatus end = i < atSeam.size() ? atSeam.get(i) : RankStatus.healthy(0, 0, false, 1);
      perScreen.add(new ScreenLoop(screens.get(i).name(), screens.get(i).host(), end.position(), end.rate(),
          trims[i], seeks[i]));
    }
    List<LoopReport.ItemPlayed> items = new ArrayList<>();
    itemFigures.forEach((index, figures) -> items.add(new LoopReport.ItemPlayed(index + 1, figures[0], (int) figures[1])));
    LoopReport report = new LoopReport(loop, loops, seconds, maxSkew, frameRate,
        IntStream.of(trims).sum(), IntStream.of(seeks).sum(), perScreen,
        items.isEmpty() ? List.of(new LoopReport.ItemPlayed(1, maxSkew, 0)) : items);
    itemFigures.clear();
    maxSkew = 0;
    trims = new int[screens.size()];
    seeks = new int[screens.size()];
    return report;
  }

  private static String failures(List<RankStatus> all) {
    List<String> lines = all.stream().filter(s -> !s.ok()).map(RankStatus::failure).toList();
    return lines.isEmpty() ? null : String.join("\n", lines);
  }
}
