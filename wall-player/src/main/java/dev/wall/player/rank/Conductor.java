package dev.wall.player.rank;

import dev.wall.core.layout.SyncSettings;
import dev.wall.core.sync.DriftCorrector;
import dev.wall.core.sync.RankStatus;
import dev.wall.core.sync.RoundCommand;
import dev.wall.core.sync.RoundCommand.Action;
import java.time.Duration;
import java.util.List;

/** Rank 0's side of each control round: decides what every rank does, and keeps the loop's figures. */
final class Conductor {
  private final DriftCorrector corrector;
  private final double roundSeconds;
  private double maxSkew;
  private int trims;
  private int seeks;

  Conductor(SyncSettings settings, int ranks, Duration roundInterval) {
    this.corrector = new DriftCorrector(settings, ranks);
    this.roundSeconds = roundInterval.toNanos() / 1e9;
  }

  RoundCommand decide(List<RankStatus> all, double dt) {
    String failures = failures(all);
    if (failures != null) {
      return RoundCommand.abort(failures, all.size());
    }
    int n = all.size();
    double[] positions = new double[n];
    boolean[] playing = new boolean[n];
    double longestRemaining = 0;
    for (int i = 0; i < n; i++) {
      RankStatus status = all.get(i);
      positions[i] = status.position();
      playing[i] = !status.atEnd();
      if (playing[i]) {
        longestRemaining = Math.max(longestRemaining, status.remaining() / status.rate());
      }
    }
    DriftCorrector.Correction correction = corrector.correct(positions, playing, dt);
    maxSkew = Math.max(maxSkew, correction.skewSeconds());
    trims += correction.trims();
    seeks += correction.seekCount();
    // Rounds stop before the end: the seam is met by each rank watching its own last frame.
    Action action = longestRemaining < roundSeconds * 1.5 ? Action.AWAIT_END : Action.PLAY;
    return new RoundCommand(action, correction.rates(), correction.seeks(), "");
  }

  /** A round that only checks health: everyone carries on, or everyone stops. */
  RoundCommand agree(List<RankStatus> all) {
    String failures = failures(all);
    int n = all.size();
    return failures == null
        ? new RoundCommand(Action.PLAY, RoundCommand.ones(n), RoundCommand.nans(n), "")
        : RoundCommand.abort(failures, n);
  }

  LoopReport finishLoop(int loop, int loops, double seconds, double frameRate) {
    LoopReport report = new LoopReport(loop, loops, seconds, maxSkew, frameRate, trims, seeks);
    maxSkew = 0;
    trims = 0;
    seeks = 0;
    return report;
  }

  private static String failures(List<RankStatus> all) {
    List<String> lines = all.stream().filter(s -> !s.ok()).map(RankStatus::failure).toList();
    return lines.isEmpty() ? null : String.join("\n", lines);
  }
}
