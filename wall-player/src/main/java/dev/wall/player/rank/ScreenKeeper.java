package dev.wall.player.rank;

import dev.wall.core.sync.RankStatus.Health;
import dev.wall.core.sync.ScreenState;
import dev.wall.player.players.Player;
import dev.wall.player.players.PlayerException;
import dev.wall.player.players.PlayerMessages;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Keeps one screen's player going while the rest of the wall plays on. A player that exits, fails a
 * call, or answers nothing for {@link Policy#hangAfter} is stopped by its handle and a new one is
 * started in its place, on a thread of its own: the rank's MPI thread never waits for it, and takes
 * part in every control round meanwhile, reporting the screen as recovering.
 *
 * <p>The new player is prepared (paused on frame 0), sought, still paused, to where the wall will
 * be a moment later ({@link WallClock}), and released at that moment; the control loop then trims
 * it in. Near the end of a loop it waits, paused, and joins everyone at the seam instead. A screen
 * whose players failed {@link Policy#giveUpAfter} times within {@link Policy#giveUpWindow} is given
 * up: it shows black (not a frozen frame) until the next seam or start, when it gets one more try.
 *
 * <p>The MPI thread sees a player only while it {@linkplain #playing plays}; the recovering thread
 * owns every other. Their hand-overs are under this object's lock; nothing slow is.
 */
final class ScreenKeeper implements AutoCloseable {

  /**
   * How the keeper decides.
   *
   * @param hangAfter a player that answers nothing this long is hung
   * @param pingEvery how often the watchdog asks the player something
   * @param giveUpAfter failures within {@code giveUpWindow} that give the screen up
   * @param prepareTimeout how long a new player may take to show its first frame
   * @param retryPause between two attempts that failed at once (a missing clip fails in
   *     milliseconds)
   * @param joinLeadSeconds how far ahead a new player is sought, to be released when the wall gets
   *     there
   */
  record Policy(
      Duration hangAfter,
      Duration pingEvery,
      int giveUpAfter,
      Duration giveUpWindow,
      Duration prepareTimeout,
      Duration retryPause,
      double joinLeadSeconds) {
    static final Policy DEFAULTS =
        new Policy(
            Duration.ofSeconds(3),
            Duration.ofMillis(500),
            5,
            Duration.ofMinutes(10),
            Duration.ofSeconds(20),
            Duration.ofMillis(500),
            0.5);
  }

  /**
   * Where the player is. {@code RECOVERING}, {@code READY} and {@code JOINING} all read as
   * recovering.
   */
  private enum Phase {
    PLAYING,
    RECOVERING,
    READY,
    JOINING,
    GIVEN_UP,
    CLOSED
  }

  private static final Duration SEEK_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration PING_TIMEOUT = Duration.ofSeconds(1);
  private static final double MAX_JOIN_LEAD_SECONDS = 4;

  private final String screenName;
  private final Supplier<Player> newPlayer;
  private final Supplier<AutoCloseable> blackScreen;
  private final WallClock clock;
  private final Policy policy;
  private final Deque<Long> failureTimes = new ArrayDeque<>();
  private final Thread watchdog;

  private Phase phase = Phase.RECOVERING;
  private Player player;
  private Player attempt;
  private int restarts;
  private String lastError;
  private long lastErrorAtMillis;
  private int loopsDoneAtJoin;

  /** Frames dropped by this screen's players that have since been replaced. */
  private long droppedByEarlier;

  private AutoCloseable black;

  /** The playlist step the wall plays (item by item): a new player is shown it before it joins. */
  private volatile int step;

  /**
   * @param screenName the screen, which every player's message starts with (the status names it
   *     already)
   * @param newPlayer builds a new player for this screen (not yet prepared); may throw, naming why
   * @param blackScreen shows black in the screen's place while it is given up, or returns null
   */
  ScreenKeeper(
      String screenName,
      Supplier<Player> newPlayer,
      Supplier<AutoCloseable> blackScreen,
      WallClock clock,
      Policy policy) {
    this.screenName = screenName;
    this.newPlayer = newPlayer;
    this.blackScreen = blackScreen;
    this.clock = clock;
    this.policy = policy;
    this.watchdog = new Thread(this::watch, "player-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  /**
   * The first player, prepared before the wall's start: it waits, paused on frame 0, for the
   * release.
   */
  void adoptFirst(Player first, String exitedMeanwhile) {
    synchronized (this) {
      if (phase == Phase.CLOSED) {
        stopQuietly(first);
        return;
      }
      player = first;
      phase = Phase.READY;
    }
    first.onUnexpectedExit(message -> failed(first, message));
    if (exitedMeanwhile != null) {
      failed(first, exitedMeanwhile);
    }
  }

  /** The first player did not come up: start another, as for any failure. */
  void firstFailed(String why) {
    synchronized (this) {
      if (phase == Phase.CLOSED) {
        return;
      }
      noteFailure(why);
      phase = Phase.RECOVERING;
      startRecovery(null, false);
    }
  }

  /**
   * The wall moves to playlist step {@code next} (item by item); a player started from now on shows
   * it.
   */
  void atStep(int next) {
    step = next;
  }

  /** The player the MPI thread may drive now, or null while the screen recovers or is given up. */
  synchronized Player playing() {
    return phase == Phase.PLAYING ? player : null;
  }

  /**
   * {@code failed} (a player of this screen) did something wrong: exited, failed a call, or hung.
   * The first report about the current player counts and starts its replacement; later ones about
   * the same player, or about an older one, are no news.
   */
  void failed(Player failed, String why) {
    synchronized (this) {
      boolean current =
          failed == player
              && (phase == Phase.PLAYING || phase == Phase.READY || phase == Phase.JOINING);
      if (!current) {
        return;
      }
      noteFailure(why);
      droppedByEarlier += droppedBy(failed);
      player = null;
      phase = Phase.RECOVERING;
      startRecovery(failed, false);
    }
  }

  /**
   * The wall is at a seam (or its start), about to release every screen together: a player that
   * waits for it plays from now on, and a screen that was given up gets one more try.
   */
  void atSeam() {
    synchronized (this) {
      if (phase == Phase.READY) {
        phase = Phase.PLAYING;
        loopsDoneAtJoin = 0;
      } else if (phase == Phase.GIVEN_UP) {
        phase = Phase.RECOVERING;
        startRecovery(null, true);
      }
    }
  }

  /** The screen's state, player restarts and last error, as every control round reports them. */
  synchronized Health health() {
    ScreenState state =
        switch (phase) {
          case PLAYING -> ScreenState.PLAYING;
          case GIVEN_UP -> ScreenState.GIVEN_UP;
          case CLOSED -> ScreenState.STOPPED;
          default -> ScreenState.RECOVERING;
        };
    return new Health(
        state,
        restarts,
        lastError,
        lastErrorAtMillis,
        droppedByEarlier + (player == null ? 0 : droppedBy(player)));
  }

  private static long droppedBy(Player player) {
    try {
      return player.droppedFrames();
    } catch (RuntimeException e) {
      return 0;
    }
  }

  /**
   * In independent loop mode: the loops of its clip already done when the current player joined.
   */
  synchronized int loopsDoneAtJoin() {
    return loopsDoneAtJoin;
  }

  synchronized boolean givenUp() {
    return phase == Phase.GIVEN_UP;
  }

  /** Stops everything: the player, any being started, the black screen, the watchdog. */
  @Override
  public void close() {
    Player current;
    Player starting;
    AutoCloseable blackNow;
    synchronized (this) {
      phase = Phase.CLOSED;
      current = player;
      starting = attempt;
      blackNow = black;
      player = null;
      attempt = null;
      black = null;
    }
    watchdog.interrupt();
    stopQuietly(current);
    stopQuietly(starting);
    closeQuietly(blackNow);
  }

  private void noteFailure(String why) {
    long now = System.nanoTime();
    failureTimes.addLast(now);
    while (!failureTimes.isEmpty()
        && now - failureTimes.peekFirst() > policy.giveUpWindow().toNanos()) {
      failureTimes.removeFirst();
    }
    String prefix = screenName + ": ";
    lastError =
        why == null || why.isBlank()
            ? "unknown failure"
            : why.startsWith(prefix) ? why.substring(prefix.length()) : why;
    lastErrorAtMillis = System.currentTimeMillis();
  }

  private boolean tooManyFailures() {
    long now = System.nanoTime();
    return failureTimes.stream().filter(t -> now - t <= policy.giveUpWindow().toNanos()).count()
        >= policy.giveUpAfter();
  }

  private void startRecovery(Player failed, boolean oneMoreTry) {
    Thread recovery = new Thread(() -> recover(failed, oneMoreTry), "player-recovery");
    recovery.setDaemon(true);
    recovery.start();
  }

  /**
   * Runs on its own thread: stops the failed player, then starts new ones until one plays, or gives
   * up; with {@code oneMoreTry} (a given-up screen at a seam) the first attempt is made whatever
   * the count.
   */
  private void recover(Player failed, boolean oneMoreTry) {
    stopQuietly(failed);
    boolean counted = !oneMoreTry;
    while (true) {
      synchronized (this) {
        if (phase != Phase.RECOVERING) {
          return;
        }
        if (counted && tooManyFailures()) {
          giveUp();
          return;
        }
      }
      counted = true;
      Player next = start();
      if (next == null) {
        LockSupport.parkNanos(policy.retryPause().toNanos());
        continue;
      }
      AutoCloseable blackNow;
      synchronized (this) {
        attempt = null;
        if (phase != Phase.RECOVERING) {
          stopQuietly(next);
          return;
        }
        player = next;
        phase = Phase.READY;
        blackNow = black;
        black = null;
      }
      closeQuietly(blackNow); // the new player's window is up
      if (join(next)) {
        return;
      }
    }
  }

  /** A new player, prepared; null when it failed (counted). */
  private Player start() {
    Player next = null;
    try {
      next = newPlayer.get();
      synchronized (this) {
        if (phase != Phase.RECOVERING) {
          stopQuietly(next);
          return null;
        }
        attempt = next;
        restarts++;
      }
      Player watched = next;
      next.onUnexpectedExit(message -> failed(watched, message));
      next.prepare(policy.prepareTimeout());
      if (step > 0) {
        next.showStep(step, policy.prepareTimeout());
      }
      return next;
    } catch (PlayerException | RuntimeException e) {
      synchronized (this) {
        attempt = null;
        if (phase == Phase.RECOVERING) {
          noteFailure(PlayerMessages.describe(e));
        }
      }
      stopQuietly(next);
      return null;
    }
  }

  /**
   * Sends the prepared {@code next} to where the wall will be, and releases it when the wall gets
   * there. True when the recovery is over (it plays, a seam took it, or it failed and another
   * recovery took over); false when it failed here and this thread should start another.
   */
  private boolean join(Player next) {
    double lead = policy.joinLeadSeconds();
    while (true) {
      WallClock.Join plan;
      synchronized (this) {
        if (phase != Phase.READY || player != next) {
          return true;
        }
        plan = clock.join(durationOf(next), lead, System.nanoTime());
        if (plan != null) {
          phase = Phase.JOINING;
        }
      }
      if (plan == null) {
        try {
          clock.awaitChange(500);
        } catch (InterruptedException e) {
          return true;
        }
        continue;
      }
      try {
        next.seekTo(plan.target(), SEEK_TIMEOUT);
        if (System.nanoTime() > plan.releaseAtNanos()) {
          // The seek took longer than the lead: aim further ahead.
          lead = Math.min(lead * 2, MAX_JOIN_LEAD_SECONDS);
          synchronized (this) {
            if (phase == Phase.JOINING && player == next) {
              phase = Phase.READY;
            }
          }
          continue;
        }
        sleepUntil(plan.releaseAtNanos());
        next.release();
      } catch (PlayerException | RuntimeException e) {
        synchronized (this) {
          if (phase != Phase.JOINING || player != next) {
            return true;
          }
          noteFailure(PlayerMessages.describe(e));
          player = null;
          phase = Phase.RECOVERING;
        }
        stopQuietly(next);
        return false;
      }
      synchronized (this) {
        if (phase == Phase.JOINING && player == next) {
          phase = Phase.PLAYING;
          loopsDoneAtJoin = plan.loopsDone();
        }
      }
      return true;
    }
  }

  /** Under the lock: too many failures. The screen shows black until the next seam. */
  private void giveUp() {
    phase = Phase.GIVEN_UP;
    player = null;
    if (black == null) {
      try {
        black = blackScreen.get();
      } catch (RuntimeException e) {
        black = null; // nothing black to show: the player's window is gone all the same
      }
    }
  }

  /**
   * Asks the playing player something now and then; one that answers nothing for a while is hung.
   */
  private void watch() {
    Player watched = null;
    long lastAnswer = System.nanoTime();
    while (true) {
      synchronized (this) {
        if (phase == Phase.CLOSED) {
          return;
        }
      }
      Player now = playing();
      if (now != watched) {
        watched = now;
        lastAnswer = System.nanoTime();
      }
      if (now != null) {
        try {
          now.ping(
              PING_TIMEOUT.compareTo(policy.hangAfter()) < 0 ? PING_TIMEOUT : policy.hangAfter());
          lastAnswer = System.nanoTime();
          String stalled = now.stalledOn();
          if (stalled != null) {
            failed(now, stalled);
          }
        } catch (PlayerException e) {
          long silent = System.nanoTime() - lastAnswer;
          if (silent >= policy.hangAfter().toNanos()) {
            failed(
                now,
                String.format(
                    java.util.Locale.ROOT,
                    "the player answered nothing for %.1f s (hung): %s",
                    silent / 1e9,
                    e.getMessage()));
          }
        } catch (RuntimeException e) {
          failed(now, "the player could not be asked: " + PlayerMessages.describe(e));
        }
      }
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
      LockSupport.parkNanos(policy.pingEvery().toNanos());
    }
  }

  private static double durationOf(Player player) {
    try {
      return player.duration();
    } catch (PlayerException | RuntimeException e) {
      return 0; // unknown: the player waits for the seam
    }
  }

  private static void sleepUntil(long nanoTime) {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
    }
  }

  private static void stopQuietly(Player player) {
    if (player != null) {
      try {
        player.stop();
      } catch (RuntimeException e) {
        // Stopping forces in the end; a player that throws on the way is stopped all the same.
      }
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable != null) {
      try {
        closeable.close();
      } catch (Exception e) {
        // A black window that will not close goes with the rank.
      }
    }
  }
}
