package dev.wall.player.rank;

import dev.wall.core.comm.Communicator;
import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LoopMode;
import dev.wall.core.layout.Screen;
import dev.wall.core.sync.RankStatus;
import dev.wall.core.sync.RoundCommand.Action;
import dev.wall.core.sync.RoundCommand;
import dev.wall.player.backend.Player;
import dev.wall.player.backend.PlayerException;
import dev.wall.player.wire.LoopReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * One rank of the wall: drives {@code screens[rank]}'s player in lockstep with every other rank.
 *
 * <p>The protocol, all ranks in the same order: prepare (paused on frame 0) and agree that all are
 * ready; a barrier releases everyone at once. During a loop, control rounds about once a second:
 * a barrier, then each rank samples its position at that same instant, rank 0 gathers them and
 * broadcasts rate trims. When the longest clip is about to end, each rank waits for its own last
 * frame (held, not black), then all meet, seek to 0 while paused, and a barrier releases them.
 */
public final class WallRank {
  /** How long a player may take to start and show frame 0; slow SD cards and NFS need a margin. */
  public static final Duration PREPARE_TIMEOUT = Duration.ofSeconds(30);
  /** About once a second: often enough to catch a 100 ppm crystal long before it shows. */
  public static final Duration ROUND_INTERVAL = Duration.ofSeconds(1);
  private static final Duration SEEK_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration END_GRACE = Duration.ofSeconds(5);
  /*
   * How long a rank waits for the others at each kind of meeting before it calls them lost (the
   * wall then stops, exit 3, naming them): the longest a healthy rank can be late there. A pulled
   * cable mid-loop is noticed at the next control round, within a second and ROUND_DEADLINE.
   */
  /** Players start at their own pace, each within PREPARE_TIMEOUT, and JVMs on slow nodes start late. */
  static final Duration START_DEADLINE = PREPARE_TIMEOUT.plusSeconds(30);
  /** In a control round every rank arrives within milliseconds, unless its player is slow to answer. */
  static final Duration ROUND_DEADLINE = Duration.ofSeconds(6);
  /** At a seam a rank waits for its own last frame: rounds stop 1.5 rounds before it, plus END_GRACE. */
  static final Duration SEAM_DEADLINE = END_GRACE.plus(ROUND_INTERVAL.multipliedBy(2)).plusSeconds(1);
  /** Back to frame 0 while paused: one seek, within SEEK_TIMEOUT. */
  static final Duration RESTART_DEADLINE = SEEK_TIMEOUT.plusSeconds(2);
  /** After the last loop, rank 0 may take a snapshot of the display first. */
  static final Duration HOLD_DEADLINE = Duration.ofSeconds(30);
  private static final long END_POLL_NANOS = 1_000_000;
  private static final long FINAL_HOLD_NANOS = 150_000_000;

  private final Communicator comm;
  private final Layout layout;
  private final int loops;
  private final PlayerStart playerStart;
  private final WallListener listener;
  private final Duration roundInterval;
  private final Screen screen;
  private final String host;
  private final String clock = MonotonicClock.id();
  private volatile String failure;
  private Player player;
  private double rate = 1.0;
  private int restarts;

  public WallRank(Communicator comm, Layout layout, int loops, PlayerStart playerStart,
      WallListener listener, Duration roundInterval, String host) {
    this.comm = comm;
    this.layout = layout;
    this.loops = loops;
    this.playerStart = playerStart;
    this.listener = listener;
    this.roundInterval = roundInterval;
    this.screen = layout.screen(comm.rank());
    this.host = host;
  }

  /**
   * Plays every loop. Returns normally when all loops played; throws naming the failed screens.
   *
   * @param atLastFrame run on this rank while every screen still holds its last frame, or null
   */
  public void run(Runnable atLastFrame) throws WallAbortedException {
    try {
      prepare();
      Conductor conductor = comm.isRoot() ? new Conductor(layout.screens(), layout.sync(), roundInterval) : null;
      agreeOrAbort(conductor, START_DEADLINE);
      comm.barrier(ROUND_DEADLINE);
      release();
      if (comm.isRoot()) {
        listener.released(comm.size());
      }
      if (layout.loopMode() == LoopMode.INDEPENDENT) {
        playIndependently(conductor);
        holdLastFrame(atLastFrame);
        return;
      }
      for (int loop = 1; loops == 0 || loop <= loops; loop++) {
        LoopReport report = playLoop(loop, conductor);
        if (comm.isRoot()) {
          listener.loopEnded(report);
        }
        if (loops != 0 && loop == loops) {
          holdLastFrame(atLastFrame);
          break;
        }
        restartTogether(conductor);
      }
    } finally {
      if (player != null) {
        player.stop();
      }
    }
  }

  /** Every screen keeps its last frame until {@code atLastFrame} (a snapshot, say) is done. */
  private void holdLastFrame(Runnable atLastFrame) {
    if (atLastFrame != null) {
      atLastFrame.run();
    }
    comm.barrier(HOLD_DEADLINE);
  }

  private void prepare() {
    try {
      player = playerStart.await(PREPARE_TIMEOUT, this::fail);
    } catch (PlayerException e) {
      fail(e.getMessage());
    }
  }

  private LoopReport playLoop(int loop, Conductor conductor) throws WallAbortedException {
    long started = System.nanoTime();
    long previousRound = started;
    RoundCommand command;
    do {
      sleepUntil(previousRound + roundInterval.toNanos());
      comm.barrier(ROUND_DEADLINE);
      long now = System.nanoTime();
      List<RankStatus> all = gather(sample(), ROUND_DEADLINE);
      double dt = (now - previousRound) / 1e9;
      command = broadcast(comm.isRoot() ? conductor.decide(all, dt) : null, ROUND_DEADLINE);
      double cost = (System.nanoTime() - now) / 1e9;
      previousRound = now;
      if (comm.isRoot()) {
        listener.round(new WallListener.RoundSummary(loop, loops, conductor.lastReference(), conductor.lastSkew(),
            frameRate(), cost));
      }
      abortIfAsked(command);
      apply(command);
    } while (command.action() != Action.AWAIT_END);
    awaitOwnEnd();
    agreeOrAbort(conductor, sample(), SEAM_DEADLINE);
    double seconds = (System.nanoTime() - started) / 1e9;
    return comm.isRoot() ? conductor.finishLoop(loop, loops, seconds, frameRate()) : null;
  }

  /**
   * {@code independent} loop mode: this screen restarts its clip the moment it ends, without
   * waiting for the others; control rounds keep every screen's virtual clock (loops done times the
   * clip's length, plus the position) together, so the wall stays in step with its start.
   */
  private void playIndependently(Conductor conductor) throws WallAbortedException {
    long started = System.nanoTime();
    long previousRound = started;
    long loopStarted = started;
    int reported = 0;
    RoundCommand command;
    do {
      restartAtEndUntil(previousRound + roundInterval.toNanos(), 0);
      comm.barrier(ROUND_DEADLINE);
      long now = System.nanoTime();
      List<RankStatus> all = gather(sampleVirtual(), ROUND_DEADLINE);
      double dt = (now - previousRound) / 1e9;
      command = broadcast(comm.isRoot() ? conductor.decideIndependent(all, dt, loops) : null, ROUND_DEADLINE);
      double cost = (System.nanoTime() - now) / 1e9;
      previousRound = now;
      if (comm.isRoot()) {
        double longest = Conductor.longestClip(all);
        listener.round(new WallListener.RoundSummary(reported + 1, loops,
            conductor.lastReference() - reported * longest, conductor.lastSkew(), frameRate(), cost));
        for (; reported < conductor.loopsCompleted(longest) && (loops == 0 || reported < loops); reported++) {
          listener.loopEnded(conductor.finishLoop(reported + 1, loops, (now - loopStarted) / 1e9, frameRate()));
          loopStarted = now;
        }
      }
      abortIfAsked(command);
      apply(command);
    } while (command.action() != Action.AWAIT_END);
    // The last stretch: the longest clips end at the deadline and hold their last frame.
    restartAtEndUntil(System.nanoTime() + (long) (command.endsIn() * 1e9), FINAL_HOLD_NANOS);
    agreeOrAbort(conductor, sampleVirtual(), ROUND_DEADLINE);
    if (comm.isRoot() && reported < loops) {
      listener.loopEnded(conductor.finishLoop(loops, loops, (System.nanoTime() - loopStarted) / 1e9, frameRate()));
    }
  }

  /**
   * Plays until {@code deadline}, restarting the clip from frame 0 whenever it ends, except in the
   * last {@code holdNanos} before the deadline, where an ended clip holds its last frame.
   */
  private void restartAtEndUntil(long deadline, long holdNanos) {
    while (failure == null && System.nanoTime() < deadline) {
      try {
        if (player.reachedEnd() && deadline - System.nanoTime() > holdNanos) {
          player.seekTo(0, SEEK_TIMEOUT);
          player.release();
          restarts++;
        }
      } catch (PlayerException e) {
        fail(e.getMessage());
      }
      LockSupport.parkNanos(Math.min(END_POLL_NANOS, Math.max(0, deadline - System.nanoTime())));
    }
  }

  /** A seek target in this clip: in independent mode targets are virtual, so they wrap. */
  private double clipPosition(double target) throws PlayerException {
    if (layout.loopMode() != LoopMode.INDEPENDENT) {
      return target;
    }
    double duration = player.duration();
    restarts = (int) Math.floor(target / duration);
    return target - restarts * duration;
  }

  /** In independent mode: loops done times the clip's length, plus the position in this loop. */
  private RankStatus sampleVirtual() {
    RankStatus status = sample();
    return status.ok()
        ? new RankStatus(null, restarts * status.duration() + status.position(), status.duration(), false,
            status.rate(), status.sampledAtNanos(), status.clock())
        : status;
  }

  private void apply(RoundCommand command) {
    int me = comm.rank();
    try {
      if (!Double.isNaN(command.seeks()[me])) {
        player.seekTo(clipPosition(command.seeks()[me]), SEEK_TIMEOUT);
      }
      double wanted = command.rates()[me];
      if (wanted != rate && player.capabilities().trimsRate()) {
        player.setRate(wanted);
        rate = wanted;
      }
    } catch (PlayerException e) {
      fail(e.getMessage());
    }
  }

  /** Waits for this screen's last frame, held on screen; a shorter clip just waits longer. */
  private void awaitOwnEnd() {
    try {
      double left = Math.max(0, player.duration() - player.position()) / rate;
      long deadline = System.nanoTime() + (long) (left * 1e9) + END_GRACE.toNanos();
      while (failure == null && !player.reachedEnd()) {
        if (System.nanoTime() > deadline) {
          fail("screen " + screen.name() + " on " + host + ": the clip did not reach its end in time");
          return;
        }
        LockSupport.parkNanos(END_POLL_NANOS);
      }
    } catch (PlayerException e) {
      fail(e.getMessage());
    }
  }

  /** At the seam: back to frame 0 while paused, then everyone is released by one barrier. */
  private void restartTogether(Conductor conductor) throws WallAbortedException {
    try {
      // The rate stays: it carries what the control loop learnt of this node's clock.
      player.pause();
      player.seekTo(0, SEEK_TIMEOUT);
    } catch (PlayerException e) {
      fail(e.getMessage());
    }
    agreeOrAbort(conductor, RESTART_DEADLINE);
    comm.barrier(ROUND_DEADLINE);
    release();
    if (conductor != null) {
      conductor.released();
    }
  }

  private void release() {
    try {
      player.release();
    } catch (PlayerException e) {
      fail(e.getMessage());
    }
  }

  /**
   * This rank's position now, and when that was on its machine's clock; called right after a
   * barrier, so ranks sample about the same instant (see {@link dev.wall.core.sync.CommonInstant}).
   */
  private RankStatus sample() {
    if (failure == null) {
      try {
        long now = System.nanoTime();
        return RankStatus.healthy(player.position(), player.duration(), player.reachedEnd(), rate)
            .sampledAt(now, clock);
      } catch (PlayerException e) {
        fail(e.getMessage());
      }
    }
    return RankStatus.failed(failure);
  }

  /** A round where everyone reports health; any failure stops every rank with the same message. */
  private void agreeOrAbort(Conductor conductor, Duration within) throws WallAbortedException {
    agreeOrAbort(conductor, failure == null ? RankStatus.healthy(0, 0, false, rate) : RankStatus.failed(failure), within);
  }

  private void agreeOrAbort(Conductor conductor, RankStatus mine, Duration within) throws WallAbortedException {
    List<RankStatus> all = gather(mine, within);
    abortIfAsked(broadcast(comm.isRoot() ? conductor.agree(all) : null, ROUND_DEADLINE));
  }

  private static void abortIfAsked(RoundCommand command) throws WallAbortedException {
    if (command.action() == Action.ABORT) {
      throw new WallAbortedException(command.message());
    }
  }

  private List<RankStatus> gather(RankStatus mine, Duration within) {
    List<RankStatus> all = new ArrayList<>();
    for (byte[] message : comm.gather(mine.encode(), 0, within)) {
      all.add(RankStatus.decode(message));
    }
    return all;
  }

  private RoundCommand broadcast(RoundCommand command, Duration within) {
    byte[] bytes = command == null ? new byte[0] : command.encode();
    return RoundCommand.decode(comm.broadcast(bytes, 0, within));
  }

  /** Keeps the first failure, as one line that names the screen and host. */
  private void fail(String message) {
    if (failure == null) {
      String what = message == null ? "unknown failure" : message;
      String prefix = screen.name() + ": ";
      failure = "screen " + screen.name() + " on " + host + ": "
          + (what.startsWith(prefix) ? what.substring(prefix.length()) : what);
    }
  }

  private double frameRate() {
    try {
      return player.frameRate();
    } catch (PlayerException e) {
      return 30;
    }
  }

  private static void sleepUntil(long nanoTime) {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
    }
  }
}
