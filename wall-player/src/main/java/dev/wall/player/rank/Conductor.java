package dev.wall.player.rank;

import dev.wall.core.layout.Screen;
import dev.wall.core.layout.SyncSettings;
import dev.wall.core.sync.CommonInstant;
import dev.wall.core.sync.DriftCorrector;
import dev.wall.core.sync.RankStatus;
import dev.wall.core.sync.RoundCommand;
import dev.wall.core.sync.RoundCommand.Action;
import dev.wall.core.sync.ScreenState;
import dev.wall.player.wire.LoopReport;
import dev.wall.player.wire.LoopReport.ScreenLoop;
import dev.wall.player.wire.WallStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Rank 0's side of each control round: decides what every rank does, keeps the loop's figures, and
 * tells what happens to each screen. Only screens that play are held together; one whose player is
 * being replaced is left out until it plays again, then trimmed in. The wall stops only when no
 * screen can play at all.
 */
final class Conductor {
  private final List<Screen> screens;
  private final DriftCorrector corrector;
  private final double roundSeconds;

  /**
   * The first playlist item of the step playing, and where in the step each of its items starts.
   */
  private int stepFirstItem;

  /** The playlist item the wall was in at the last round, from 0. */
  private int item;

  private List<Double> itemStarts = List.of(0.0);

  /** Per item of this loop: the worst skew of its rounds, and how many rounds it had. */
  private final java.util.TreeMap<Integer, double[]> itemFigures = new java.util.TreeMap<>();

  private final Consumer<String> events;
  private double maxSkew;
  private double lastSkew;
  private double lastReference;
  private double wallPosition = Double.NaN;
  private double longestClip;
  private int[] trims;
  private int[] seeks;

  /** Control rounds in this loop. */
  private int roundsThisLoop;

  /** Per screen, the control rounds of this loop in which it played. */
  private int[] playedRounds;

  private List<RankStatus> atSeam = List.of();
  private List<RankStatus> last = List.of();
  private double[] lastPositions = new double[0];
  private final ScreenState[] states;
  private final int[] restarts;

  /** Screens given up since they last played. */
  private final boolean[] wasGivenUp;

  /** Each screen's dropped frames: whether its decoder keeps up. */
  private final DecoderWatch[] decoders;

  /**
   * @param events one line each time a screen's state changes, naming the screen and its host
   */
  Conductor(
      List<Screen> screens,
      SyncSettings settings,
      Duration roundInterval,
      Consumer<String> events) {
    this.screens = screens;
    this.corrector = new DriftCorrector(settings, screens);
    this.roundSeconds = roundInterval.toNanos() / 1e9;
    this.events = events;
    this.trims = new int[screens.size()];
    this.seeks = new int[screens.size()];
    this.playedRounds = new int[screens.size()];
    this.states = new ScreenState[screens.size()];
    java.util.Arrays.fill(states, ScreenState.PLAYING);
    this.restarts = new int[screens.size()];
    this.wasGivenUp = new boolean[screens.size()];
    this.decoders = new DecoderWatch[screens.size()];
    java.util.Arrays.setAll(decoders, i -> new DecoderWatch());
  }

  /** The frame rate the wall plays at (rank 0's clip's): the dead band is a share of a frame. */
  void frameRate(double framesPerSecond) {
    corrector.frameRate(framesPerSecond);
  }

  RoundCommand decide(List<RankStatus> all, double dt) {
    RoundCommand stop = stopIfNothingCanPlay(all);
    if (stop != null) {
      return stop;
    }
    int n = all.size();
    double[] positions = CommonInstant.positions(all);
    boolean[] playing = new boolean[n];
    double longestRemaining = -1;
    for (int i = 0; i < n; i++) {
      RankStatus status = all.get(i);
      playing[i] = status.playing() && !status.atEnd();
      if (playing[i]) {
        longestRemaining = Math.max(longestRemaining, status.remaining() / status.rate());
      }
    }
    DriftCorrector.Correction correction = corrector.correct(positions, playing, dt);
    record(correction, positions, all, dt);
    if (longestRemaining < 0) {
      // No screen is playing (all recovering, or all holding their last frame): the wall's clock
      // runs on.
      longestRemaining = Math.max(0, longestClip - wallPosition);
    }
    // Rounds stop before the end: the seam is met by each rank watching its own last frame.
    Action action = longestRemaining < roundSeconds * 1.5 ? Action.AWAIT_END : Action.PLAY;
    return new RoundCommand(action, correction.rates(), correction.seeks(), "")
        .withReference(wallPosition);
  }

  double lastSkew() {
    return lastSkew;
  }

  /**
   * A step of the playlist begins: item by item, step k is item k; as one timeline, the single step
   * holds every item, starting where {@code starts} say.
   */
  void startStep(int step, int steps, List<Double> starts) {
    stepFirstItem = steps > 1 ? step : 0;
    item = stepFirstItem;
    itemStarts = starts;
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
   * its virtual position (loops done times its clip's length, plus its position) and those are kept
   * together. The wall ends after {@code loops} loops of the longest clip.
   */
  RoundCommand decideIndependent(List<RankStatus> all, double dt, int loops) {
    RoundCommand stop = stopIfNothingCanPlay(all);
    if (stop != null) {
      return stop;
    }
    int n = all.size();
    double[] positions = CommonInstant.positions(all);
    boolean[] playing = new boolean[n];
    for (int i = 0; i < n; i++) {
      playing[i] = all.get(i).playing();
    }
    DriftCorrector.Correction correction = corrector.correct(positions, playing, dt);
    record(correction, positions, all, dt);
    double longest = longestClip;
    double endsIn = loops == 0 ? Double.MAX_VALUE : loops * longest - lastReference;
    Action action = endsIn < roundSeconds * 1.5 ? Action.AWAIT_END : Action.PLAY;
    return new RoundCommand(action, correction.rates(), correction.seeks(), "", Math.max(0, endsIn))
        .withReference(wallPosition);
  }

  /** The longest clip any screen has reported. */
  double longestClip() {
    return longestClip;
  }

  /** How many loops of the longest clip the wall has completed, by the furthest screen. */
  int loopsCompleted(double longest) {
    return longest <= 0 ? 0 : (int) Math.floor(lastReference / longest + 1e-6);
  }

  private void record(
      DriftCorrector.Correction correction, double[] positions, List<RankStatus> all, double dt) {
    maxSkew = Math.max(maxSkew, correction.skewSeconds());
    lastSkew = correction.skewSeconds();
    wallPosition =
        Double.isNaN(correction.reference())
            ? (Double.isNaN(wallPosition) ? 0 : wallPosition + dt)
            : correction.reference();
    double furthest = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < positions.length; i++) {
      if (all.get(i).playing()) {
        furthest = Math.max(furthest, positions[i]);
      }
    }
    lastReference = furthest == Double.NEGATIVE_INFINITY ? lastReference + dt : furthest;
    int within = 0;
    for (int i = 1; i < itemStarts.size(); i++) {
      within = lastReference >= itemStarts.get(i) ? i : within;
    }
    item = stepFirstItem + within;
    double[] figures = itemFigures.computeIfAbsent(stepFirstItem + within, k -> new double[2]);
    figures[0] = Math.max(figures[0], correction.skewSeconds());
    figures[1]++;
    roundsThisLoop++;
    for (int i = 0; i < positions.length; i++) {
      playedRounds[i] += all.get(i).playing() ? 1 : 0;
      trims[i] += correction.trimmed()[i] ? 1 : 0;
      seeks[i] += Double.isNaN(correction.seeks()[i]) ? 0 : 1;
    }
    last = all;
    lastPositions = positions;
  }

  /**
   * A round that only checks health at a seam or the start: everyone carries on, unless nobody can
   * play.
   */
  RoundCommand agree(List<RankStatus> all) {
    atSeam = all;
    RoundCommand stop = stopIfNothingCanPlay(all);
    int n = all.size();
    return stop != null
        ? stop
        : new RoundCommand(Action.PLAY, RoundCommand.ones(n), RoundCommand.nans(n), "");
  }

  /** Every screen was just released together: the corrector aligns before it learns again. */
  void released() {
    released(0);
  }

  /** The same, every screen released at {@code from} in its step (a resume, a goto). */
  void released(double from) {
    corrector.released();
    wallPosition = from;
  }

  /** The playlist item the wall is in, from 0. */
  int item() {
    return item;
  }

  /**
   * A round while show control has the wall paused: every screen holds its frame, nothing is
   * trimmed or learnt (the clocks stand still), and only health is watched.
   */
  RoundCommand hold(List<RankStatus> all) {
    RoundCommand stop = stopIfNothingCanPlay(all);
    last = all;
    int n = all.size();
    return stop != null
        ? stop
        : new RoundCommand(Action.PLAY, RoundCommand.ones(n), RoundCommand.nans(n), "")
            .withReference(wallPosition);
  }

  /**
   * Tells each change of a screen's state, once, and has the control loop take a screen that plays
   * again as freshly released; stops the wall if a rank cannot go on, or no screen can play.
   */
  private RoundCommand stopIfNothingCanPlay(List<RankStatus> all) {
    for (RankStatus status : all) {
      longestClip = Math.max(longestClip, status.duration());
    }
    noteChanges(all);
    List<String> fatal = all.stream().filter(s -> !s.ok()).map(RankStatus::failure).toList();
    if (!fatal.isEmpty()) {
      return RoundCommand.abort(String.join("\n", fatal), all.size());
    }
    if (all.stream().allMatch(s -> s.state() == ScreenState.GIVEN_UP)) {
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        lines.add(
            name(i)
                + ": "
                + all.get(i).health().lastError()
                + " (no screen can play: every one was given up)");
      }
      return RoundCommand.abort(String.join("\n", lines), all.size());
    }
    return null;
  }

  private void noteChanges(List<RankStatus> all) {
    long nanos = System.nanoTime();
    for (int i = 0; i < all.size() && i < states.length; i++) {
      RankStatus.Health health = all.get(i).health();
      if (decoders[i].observe(health.droppedFrames(), nanos)) {
        corrector.behind(i, decoders[i].behind());
        events.accept(decoderChange(i));
      }
      ScreenState was = states[i];
      ScreenState now = all.get(i).ok() ? health.state() : was;
      boolean replaced = health.restarts() > restarts[i];
      if (now == ScreenState.PLAYING && (was != ScreenState.PLAYING || replaced)) {
        corrector.rejoined(i);
      }
      if (now != was) {
        events.accept(change(i, now, health));
      } else if (replaced && now == ScreenState.PLAYING) {
        events.accept(
            name(i)
                + ": "
                + health.lastError()
                + "; a new player took its place"
                + restarts(health));
      }
      states[i] = now;
      restarts[i] = Math.max(restarts[i], health.restarts());
      wasGivenUp[i] = now == ScreenState.GIVEN_UP || wasGivenUp[i] && now != ScreenState.PLAYING;
    }
  }

  private String decoderChange(int i) {
    DecoderWatch watch = decoders[i];
    return watch.behind()
        ? name(i)
            + ": falling behind: its player dropped "
            + DecoderWatch.BEHIND_FRAMES
            + " or more frames within "
            + DecoderWatch.WINDOW_NANOS / 1_000_000_000
            + " s ("
            + watch.total()
            + " so far), so "
            + WallStatus.BEHIND_ADVICE
        : name(i)
            + ": keeping up again, no frame dropped for "
            + DecoderWatch.CALM_NANOS / 1_000_000_000
            + " s ("
            + watch.total()
            + " dropped in all)";
  }

  private String change(int i, ScreenState now, RankStatus.Health health) {
    return switch (now) {
      case RECOVERING -> name(i) + ": " + health.lastError() + "; starting a new player";
      case GIVEN_UP ->
          name(i)
              + ": given up (its player failed too often; last: "
              + health.lastError()
              + "); black until the next loop";
      case PLAYING ->
          name(i)
              + ": playing again"
              + (wasGivenUp[i] ? " after it was given up" : "")
              + restarts(health);
      case STOPPED -> name(i) + ": stopped";
    };
  }

  private static String restarts(RankStatus.Health health) {
    return " (" + health.restarts() + (health.restarts() == 1 ? " restart)" : " restarts)");
  }

  private String name(int i) {
    Screen screen = screens.get(i);
    return "screen " + screen.name() + " on " + screen.host();
  }

  /**
   * Screens that did not play at the end of the wall, one line each naming the screen, its host and
   * its player's last error: given up, or still waiting for a new player. Either is a screen the
   * technician must hear about, though the wall played on.
   */
  List<String> failedAtTheEnd() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < last.size(); i++) {
      RankStatus.Health health = last.get(i).health();
      if (last.get(i).state() == ScreenState.GIVEN_UP) {
        lines.add(name(i) + ": given up: " + health.lastError());
      } else if (last.get(i).state() == ScreenState.RECOVERING) {
        lines.add(
            name(i)
                + ": not playing at the end, a new player was still starting; last error: "
                + health.lastError());
      }
    }
    return lines;
  }

  /** Where the wall and every screen are after the last round, for the controller's status. */
  WallStatus status(int loop, int loops, double position, double frameRate) {
    List<WallStatus.Screen> rows = new ArrayList<>();
    for (int i = 0; i < screens.size(); i++) {
      Screen screen = screens.get(i);
      RankStatus status = i < last.size() ? last.get(i) : RankStatus.healthy(0, 0, false, 1);
      RankStatus.Health health = status.health();
      boolean playing = status.playing();
      Double skew =
          playing && i < lastPositions.length && !Double.isNaN(wallPosition)
              ? round((lastPositions[i] - wallPosition) * 1000)
              : null;
      rows.add(
          new WallStatus.Screen(
              screen.name(),
              screen.host(),
              status.ok() ? health.state() : ScreenState.STOPPED,
              playing ? round(status.position()) : null,
              skew,
              status.rate(),
              health.restarts(),
              health.lastError(),
              health.lastErrorAtMillis() > 0
                  ? Instant.ofEpochMilli(health.lastErrorAtMillis()).toString()
                  : null,
              decoders[i].total(),
              decoders[i].behind()));
    }
    return new WallStatus(
        loop, loops, round(position), round(lastSkew * 1000), frameRate, rows, item + 1);
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  /** The loop's figures, from the rounds and the seam's statuses; resets them for the next loop. */
  LoopReport finishLoop(int loop, int loops, double seconds, double frameRate) {
    List<ScreenLoop> perScreen = new ArrayList<>();
    for (int i = 0; i < screens.size(); i++) {
      RankStatus end = i < atSeam.size() ? atSeam.get(i) : RankStatus.healthy(0, 0, false, 1);
      boolean behind = decoders[i].behindInLoop();
      long dropped = decoders[i].finishLoop();
      perScreen.add(
          new ScreenLoop(
              screens.get(i).name(),
              screens.get(i).host(),
              end.position(),
              end.rate(),
              trims[i],
              seeks[i],
              end.state().label(),
              end.health().restarts(),
              dropped,
              // A loop too short for a round: the seam's state says.
              roundsThisLoop == 0 ? end.playing() : playedRounds[i] > 0,
              behind));
    }
    List<LoopReport.ItemPlayed> items = new ArrayList<>();
    itemFigures.forEach(
        (index, figures) ->
            items.add(new LoopReport.ItemPlayed(index + 1, figures[0], (int) figures[1])));
    LoopReport report =
        new LoopReport(
            loop,
            loops,
            seconds,
            maxSkew,
            frameRate,
            IntStream.of(trims).sum(),
            IntStream.of(seeks).sum(),
            perScreen,
            items.isEmpty() ? List.of(new LoopReport.ItemPlayed(1, maxSkew, 0)) : items);
    itemFigures.clear();
    maxSkew = 0;
    trims = new int[screens.size()];
    seeks = new int[screens.size()];
    playedRounds = new int[screens.size()];
    roundsThisLoop = 0;
    return report;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Conductor[wall at %.3f s, %s]", wallPosition, corrector);
  }
}
