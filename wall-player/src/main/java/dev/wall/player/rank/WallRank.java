package dev.wall.player.rank;

import dev.wall.core.comm.Communicator;
import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LoopMode;
import dev.wall.core.layout.Screen;
import dev.wall.core.sync.RankStatus;
import dev.wall.core.sync.RoundCommand;
import dev.wall.core.sync.RoundCommand.Action;
import dev.wall.player.players.MediaReach;
import dev.wall.player.players.Player;
import dev.wall.player.players.PlayerException;
import dev.wall.player.players.PlayerMessages;
import dev.wall.player.players.PlayerSpec;
import dev.wall.player.players.SpanCrop;
import dev.wall.player.wire.ControlCommand;
import dev.wall.player.wire.ControlLine;
import dev.wall.player.wire.LoopReport;
import dev.wall.player.wire.RoundWire;
import dev.wall.player.wire.ShowOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * One rank of the wall: drives {@code screens[rank]}'s player in lockstep with every other rank.
 *
 * <p>The protocol, all ranks in the same order: prepare (paused on frame 0) and agree that all are
 * ready; a barrier releases everyone at once. During a loop, control rounds about once a second: a
 * barrier, then each rank samples its position at that same instant, rank 0 gathers them and
 * broadcasts rate trims. When the longest clip is about to end, each rank waits for its own last
 * frame (held, not black), then all meet, seek to 0 while paused, and a barrier releases them.
 *
 * <p>A player that fails is this rank's business alone ({@link ScreenKeeper}): it is replaced on
 * another thread while this one keeps taking part in every round, its screen reported as recovering
 * and left out of the control loop. This thread never waits on a player for longer than a call's
 * deadline.
 *
 * <p>A playlist is played in steps ({@link Player#steps}): as one timeline it is one step, and
 * items follow each other as frames do; item by item, each item's end is a seam like a loop's,
 * where the next item is shown paused on its first frame. A screen with {@code latencyMs} is
 * released that much before the latest panel's, so every panel shows the same frame at once.
 */
public final class WallRank {
  /** How long a player may take to start and show frame 0; slow SD cards and NFS need a margin. */
  public static final Duration PREPARE_TIMEOUT = Duration.ofSeconds(30);

  /** About once a second: often enough to catch a 100 ppm crystal long before it shows. */
  public static final Duration ROUND_INTERVAL = Duration.ofSeconds(1);

  /** A seek that takes longer fails, and its player is replaced: the other ranks wait meanwhile. */
  private static final Duration SEEK_TIMEOUT = Duration.ofSeconds(5);

  private static final Duration END_GRACE = Duration.ofSeconds(5);

  /*
   * How long a rank waits for the others at each kind of meeting before it calls them lost (the
   * wall then stops, exit 3, naming them): the longest a healthy rank can be late there. A pulled
   * cable mid-loop is noticed at the next control round, within a second and ROUND_DEADLINE.
   */
  /**
   * Players start at their own pace, each within PREPARE_TIMEOUT, and JVMs on slow nodes start
   * late.
   */
  static final Duration START_DEADLINE = PREPARE_TIMEOUT.plusSeconds(30);

  /**
   * In a control round every rank arrives within milliseconds: no player call holds this thread
   * long.
   */
  static final Duration ROUND_DEADLINE = Duration.ofSeconds(6);

  /**
   * At a seam a rank waits for its own last frame: rounds stop 1.5 rounds before it, plus
   * END_GRACE.
   */
  static final Duration SEAM_DEADLINE =
      END_GRACE.plus(ROUND_INTERVAL.multipliedBy(2)).plusSeconds(1);

  /**
   * To the next step while paused: its own player's step, and a joining player's, each within
   * SEEK_TIMEOUT.
   */
  static final Duration RESTART_DEADLINE = SEEK_TIMEOUT.multipliedBy(2).plusSeconds(2);

  /** After the last loop, rank 0 may take a snapshot of the display first. */
  static final Duration HOLD_DEADLINE = Duration.ofSeconds(30);

  private static final long END_POLL_NANOS = 1_000_000;
  private static final long FINAL_HOLD_NANOS = 150_000_000;

  /**
   * How this rank replaces a failed player.
   *
   * @param newPlayer builds a new player for this screen, not yet prepared
   * @param blackScreen shows black in the screen's place while it is given up (null if it cannot)
   * @param policy when a player is hung, and when the screen is given up
   */
  public record Recovery(
      Supplier<Player> newPlayer,
      Supplier<AutoCloseable> blackScreen,
      ScreenKeeper.Policy policy,
      NewShow newShow) {
    public Recovery(Supplier<Player> newPlayer, Supplier<AutoCloseable> blackScreen) {
      this(newPlayer, blackScreen, ScreenKeeper.Policy.DEFAULTS);
    }

    public Recovery(
        Supplier<Player> newPlayer,
        Supplier<AutoCloseable> blackScreen,
        ScreenKeeper.Policy policy) {
      this(newPlayer, blackScreen, policy, null);
    }
  }

  /**
   * How this rank's screen takes a new layout (show control's reload): its clips checked when the
   * order comes, and taken at the seam where every screen switches.
   */
  public interface NewShow {
    /** This screen's player spec in {@code next}. */
    PlayerSpec spec(Layout next, Screen screen);

    /** What keeps this node from playing {@code spec}'s clips, or null; within seconds. */
    String problem(PlayerSpec spec);

    /** New players of this screen play {@code spec} from now on. */
    void adopt(PlayerSpec spec);
  }

  private final Communicator comm;

  /** The show: a reload every screen took replaces it at a seam. */
  private Layout layout;

  /** A reload every screen can take, at the next loop seam; null when none waits. */
  private Layout nextShow;

  private final NewShow newShow;

  /** Loops of this run, 0 for ever; show control's {@code loops N} changes it on every rank. */
  private int loops;

  /** Rank 0's commands from the controller; null on the other ranks. */
  private final CommandInbox inbox;

  /** Show control's pause: every screen holds its frame, and rounds only keep watch. */
  private boolean paused;

  /** Show control's blank: every screen shows black, and a player that joins does too. */
  private boolean blanked;

  /**
   * On rank 0, while paused or while a triggered clip plays: the position every screen plays on
   * from after.
   */
  private double pausedAt;

  /** On rank 0: the length of the triggered clip, the longest any screen shows. */
  private double triggeredSeconds;

  /** Where the items of the step playing start on this screen ({@link Player#itemStarts}). */
  private List<Double> stepItemStarts = List.of(0.0);

  private final PlayerStart playerStart;
  private final WallListener listener;
  private final Duration roundInterval;
  private Screen screen;
  private final String host;
  private final String clock = MonotonicClock.id();
  private final WallClock wallClock;
  private final ScreenKeeper keeper;

  /**
   * The player as this thread last drove it; a new one starts at rate 1 and, in independent mode,
   * mid-clip.
   */
  private Player current;

  private double rate = 1.0;
  private double frameRate = 30;

  /** In independent loop mode: the loops of this clip done since the start. */
  private int loopsDone;

  private int loop;
  private Conductor conductor;

  /** Steps in one loop, as every rank agreed ({@link #agreeOnSteps}). */
  private int steps = 1;

  /** The step of the loop playing now, from 0. */
  private int stepPlaying;

  public WallRank(
      Communicator comm,
      Layout layout,
      int loops,
      PlayerStart playerStart,
      WallListener listener,
      Duration roundInterval,
      String host,
      Recovery recovery) {
    this(comm, layout, loops, playerStart, listener, roundInterval, host, recovery, null);
  }

  /**
   * @param inbox on rank 0, the controller's commands (show control); null for none, and on the
   *     other ranks
   */
  public WallRank(
      Communicator comm,
      Layout layout,
      int loops,
      PlayerStart playerStart,
      WallListener listener,
      Duration roundInterval,
      String host,
      Recovery recovery,
      CommandInbox inbox) {
    this.comm = comm;
    this.layout = layout;
    this.loops = loops;
    this.inbox = comm.isRoot() ? inbox : null;
    this.playerStart = playerStart;
    this.listener = listener;
    this.roundInterval = roundInterval;
    this.screen = layout.screen(comm.rank());
    this.host = host;
    this.wallClock = new WallClock(layout.loopMode() == LoopMode.INDEPENDENT);
    this.newShow = recovery.newShow();
    this.keeper =
        new ScreenKeeper(
            screen.name(),
            recovery.newPlayer(),
            recovery.blackScreen(),
            wallClock,
            recovery.policy());
  }

  /**
   * Plays every loop. Returns normally when all loops played (whatever became of single screens:
   * see {@link #failedAtTheEnd()}); throws when the wall had to stop, naming the screens.
   *
   * @param atLastFrame run on this rank while every screen still holds its last frame, or null
   */
  public void run(Runnable atLastFrame) throws WallAbortedException {
    try {
      prepare();
      conductor =
          comm.isRoot()
              ? new Conductor(
                  layout.screens(), layout.sync(), roundInterval, listener::screenChanged)
              : null;
      keeper.atSeam();
      agreeOnSteps();
      agreeOrAbort(START_DEADLINE);
      comm.barrier(ROUND_DEADLINE);
      release();
      if (comm.isRoot()) {
        listener.released(comm.size());
      }
      if (layout.loopMode() == LoopMode.INDEPENDENT) {
        playIndependently();
        holdLastFrame(atLastFrame);
        return;
      }
      for (loop = 1; loops == 0 || loop <= loops; loop++) {
        LoopReport report = playLoop();
        if (comm.isRoot()) {
          listener.loopEnded(report);
        }
        if (nextShow != null) {
          // A reload: its loop count holds from this seam, as loops N does.
          loops = nextShow.loops();
        }
        if (loops != 0 && loop >= loops) {
          holdLastFrame(atLastFrame);
          break;
        }
        if (nextShow != null) {
          switchTogether();
        } else {
          restartTogether(0, 0);
        }
      }
    } finally {
      wallClock.atSeam();
      keeper.close();
    }
  }

  /**
   * On rank 0 after {@link #run}: the screens that did not play at the end, one line each, or none.
   */
  public List<String> failedAtTheEnd() {
    return conductor == null ? List.of() : conductor.failedAtTheEnd();
  }

  /** Every screen keeps its last frame until {@code atLastFrame} (a snapshot, say) is done. */
  private void holdLastFrame(Runnable atLastFrame) {
    if (atLastFrame != null) {
      atLastFrame.run();
    }
    comm.barrier(HOLD_DEADLINE);
  }

  /**
   * The first player, started before MPI: it waits on frame 0 for the start, or is replaced at
   * once.
   */
  private void prepare() {
    java.util.concurrent.atomic.AtomicReference<String> exited =
        new java.util.concurrent.atomic.AtomicReference<>();
    try {
      Player first = playerStart.await(PREPARE_TIMEOUT, exited::set);
      keeper.adoptFirst(first, exited.get());
    } catch (PlayerException e) {
      keeper.firstFailed(PlayerMessages.describe(e));
    }
  }

  /**
   * Every rank stops at the same seams, so every player must play the playlist in as many steps: a
   * wall that mixes a timeline player (mpv) with item-by-item ones (omxplayer, VLC) cannot, and
   * stops at once, naming two such screens.
   */
  private void agreeOnSteps() throws WallAbortedException {
    Player player = player();
    int mine = player == null ? 0 : player.steps(); // 0: not known, this screen is recovering
    List<byte[]> all =
        comm.gather(java.nio.ByteBuffer.allocate(4).putInt(mine).array(), 0, START_DEADLINE);
    String mismatch = "";
    if (comm.isRoot()) {
      int[] counts =
          all.stream().mapToInt(bytes -> java.nio.ByteBuffer.wrap(bytes).getInt()).toArray();
      int known =
          java.util.stream.IntStream.range(0, counts.length)
              .filter(i -> counts[i] > 0)
              .findFirst()
              .orElse(-1);
      for (int i = 0; known >= 0 && i < counts.length && mismatch.isEmpty(); i++) {
        if (counts[i] > 0 && counts[i] != counts[known]) {
          int timeline = counts[known] == 1 ? known : i;
          int itemByItem = counts[known] == 1 ? i : known;
          mismatch =
              "screens "
                  + layout.screen(timeline).name()
                  + " on "
                  + layout.screen(timeline).host()
                  + " and "
                  + layout.screen(itemByItem).name()
                  + " on "
                  + layout.screen(itemByItem).host()
                  + " cannot change playlist items together: the first plays the list as one timeline (mpv), the"
                  + " second item by item; set \"player\" to mpv on every node, or \"unevenItems\": \"hold\"";
        }
      }
      steps = known < 0 ? 1 : counts[known];
    }
    byte[] decision =
        comm.broadcast(
            comm.isRoot()
                ? (steps + "\n" + mismatch).getBytes(java.nio.charset.StandardCharsets.UTF_8)
                : new byte[0],
            0,
            START_DEADLINE);
    String[] parts = new String(decision, java.nio.charset.StandardCharsets.UTF_8).split("\n", 2);
    steps = Integer.parseInt(parts[0]);
    if (!parts[1].isEmpty()) {
      throw new WallAbortedException(parts[1]);
    }
  }

  /** One loop: every step of the playlist in turn, each step's end a seam. */
  private LoopReport playLoop() throws WallAbortedException {
    long started = System.nanoTime();
    int step = 0;
    int item = 0;
    ShowOrder jumped = null;
    boolean jumpAnswered = false;
    while (step < steps) {
      if (step > 0 || jumped != null) {
        restartTogether(step, item);
      }
      if (jumped != null) {
        if (!jumpAnswered) {
          answer(jumped, null);
        }
        jumped = null;
      }
      stepItemStarts = itemStarts();
      if (conductor != null) {
        conductor.startStep(step, steps, stepItemStarts);
      }
      try {
        stepPlaying = step;
        playStep();
        step++;
        item = 0;
      } catch (Jump jump) {
        // goto, next, previous, restart: every screen to the first frame of that item, together.
        jumped = jump.order;
        jumpAnswered = jump.answered;
        int target = Math.max(0, jump.order.item());
        step = steps > 1 ? target % steps : 0;
        item = steps > 1 ? 0 : target;
        if (jump.order.command() instanceof ControlCommand.Restart) {
          loop = 1;
        }
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return comm.isRoot() ? conductor.finishLoop(loop, loops, seconds, frameRate()) : null;
  }

  /** Where the items of the step start; rank 0 counts items by them. */
  private List<Double> itemStarts() {
    Player player = player();
    if (player != null) {
      try {
        return player.itemStarts();
      } catch (PlayerException | RuntimeException e) {
        failed(player, e);
      }
    }
    return List.of(0.0);
  }

  /** Plays the current step to its end: control rounds, then this screen's last frame, held. */
  private void playStep() throws WallAbortedException, Jump {
    long previousRound = System.nanoTime();
    RoundCommand command;
    do {
      ShowOrder order = awaitRound(previousRound + roundInterval.toNanos());
      comm.barrier(ROUND_DEADLINE);
      long now = System.nanoTime();
      if (order != null) {
        // Every rank left the barrier within a fraction of a millisecond: the same frame.
        obey(order);
        comm.barrier(ROUND_DEADLINE);
        now = System.nanoTime();
      }
      List<RankStatus> all = gather(sample(now), ROUND_DEADLINE);
      double dt = (now - previousRound) / 1e9;
      command =
          broadcast(
              comm.isRoot() ? (paused ? conductor.hold(all) : conductor.decide(all, dt)) : null,
              ROUND_DEADLINE);
      if (paused) {
        wallClock.atSeam();
      } else {
        heard(command, now);
      }
      previousRound = now;
      if (comm.isRoot()) {
        listener.roundCost((System.nanoTime() - now) / 1e9);
        listener.round(
            conductor
                .status(loop, loops, conductor.lastReference(), frameRate())
                .withShow(paused, blanked));
      }
      abortIfAsked(command);
      if (!paused) {
        apply(command);
      }
    } while (command.action() != Action.AWAIT_END);
    awaitOwnEnd();
    agreeOrAbort(sample(System.nanoTime()), SEAM_DEADLINE);
  }

  /** A command that moves every screen to another item: out of the step, to {@link #playLoop}. */
  private static final class Jump extends Exception {
    final ShowOrder order;

    /** The controller has its answer already (a trigger answers when its clip starts). */
    final boolean answered;

    Jump(ShowOrder order, boolean answered) {
      super(null, null, false, false);
      this.order = order;
      this.answered = answered;
    }
  }

  /**
   * Waits for the next control round, which rank 0 calls at {@code dueNanos}, or at once when a
   * command comes in: its order, for every rank, or null.
   */
  private ShowOrder awaitRound(long dueNanos) {
    if (!comm.isRoot()) {
      return ShowOrder.decode(
          comm.broadcastIdle(new byte[0], 0, ROUND_DEADLINE.plus(roundInterval)));
    }
    ShowOrder order = null;
    while (order == null) {
      CommandInbox.Arrived arrived = inbox == null ? null : inbox.poll(dueNanos);
      if (arrived == null) {
        sleepUntil(dueNanos);
        break;
      }
      order =
          arrived.stale(System.nanoTime())
              ? answered(
                  arrived.line(),
                  false,
                  "it waited over 6 s for a control round (the wall was starting, or at a"
                      + " long seam); send it again")
              : plan(arrived.line());
    }
    return ShowOrder.decode(
        comm.broadcastIdle(ShowOrder.encode(order), 0, ROUND_DEADLINE.plus(roundInterval)));
  }

  /**
   * On rank 0: what every rank is to do for {@code line}, worked out once here (the item to go to,
   * the position to resume from); or null when the command is answered here and now.
   */
  private ShowOrder plan(ControlLine line) {
    ControlCommand command = line.command();
    int items = steps > 1 ? steps : Math.max(1, stepItemStarts.size());
    int current = conductor.item();
    int item = -1;
    double position = 0;
    if (command instanceof ControlCommand.Goto go) {
      if (go.item() > items) {
        return answered(
            line,
            false,
            "there "
                + (items == 1 ? "is 1 item" : "are " + items + " items")
                + " in the playlist: goto 1"
                + (items == 1 ? "" : " to " + items));
      }
      item = go.item() - 1;
    } else if (command instanceof ControlCommand.Next) {
      item = (current + 1) % items;
    } else if (command instanceof ControlCommand.Previous) {
      item = (current - 1 + items) % items;
    } else if (command instanceof ControlCommand.Restart) {
      item = 0;
    } else if (command instanceof ControlCommand.Pause && paused) {
      return answered(line, true, "already paused");
    } else if (command instanceof ControlCommand.Resume) {
      if (!paused) {
        return answered(line, true, "already playing");
      }
      position = pausedAt;
    } else if (command instanceof ControlCommand.Reload) {
      if (line.layout() == null) {
        return answered(line, false, "a reload needs the layout the controller read");
      }
      return new ShowOrder(line.id(), command.words(), -1, 0, line.layout());
    } else if (command instanceof ControlCommand.Trigger trigger) {
      if (paused) {
        return answered(line, false, "the wall is paused: resume it, then trigger");
      }
      if (trigger.span()
          && (layout.wall() == null
              || layout.screens().stream().anyMatch(s -> s.region() == null))) {
        return answered(
            line,
            false,
            "a span needs the layout's \"wall\" size and a \"region\" for every screen; trigger "
                + trigger.clip()
                + " every, or give them");
      }
      item = trigger.resume() ? -1 : 0;
    } else if (!(command instanceof ControlCommand.Pause
        || command instanceof ControlCommand.Blank
        || command instanceof ControlCommand.Unblank
        || command instanceof ControlCommand.Loops)) {
      return answered(line, false, "a running wall does not take " + command.verb() + " yet");
    }
    return new ShowOrder(line.id(), command.words(), item, position);
  }

  private ShowOrder answered(ControlLine line, boolean applied, String text) {
    listener.answered(line.id(), applied, text);
    return null;
  }

  /**
   * Does what {@code order} says, on this rank, right after the round's barrier; every rank at the
   * same moment. Then every rank says how it went ({@link #answer}), or the step ends ({@link
   * Jump}).
   */
  private void obey(ShowOrder order) throws WallAbortedException, Jump {
    ControlCommand command = order.command();
    if (command instanceof ControlCommand.Goto
        || command instanceof ControlCommand.Next
        || command instanceof ControlCommand.Previous
        || command instanceof ControlCommand.Restart) {
      throw new Jump(order, false);
    }
    if (command instanceof ControlCommand.Resume) {
      resumeTogether(order.position());
      answer(order, null);
      return;
    }
    if (command instanceof ControlCommand.Trigger trigger) {
      playTriggered(order, trigger);
      return;
    }
    if (command instanceof ControlCommand.Reload) {
      checkNextShow(order);
      return;
    }
    String problem = null;
    Player player = player();
    try {
      if (command instanceof ControlCommand.Pause) {
        paused = true;
        wallClock.atSeam();
        if (player != null) {
          player.pause();
        }
      } else if (command instanceof ControlCommand.Blank) {
        blanked = true;
        if (player != null) {
          player.blank(true);
        }
      } else if (command instanceof ControlCommand.Unblank) {
        blanked = false;
        if (player != null) {
          player.blank(false);
        }
      } else if (command instanceof ControlCommand.Loops more) {
        loops = more.loops();
      }
    } catch (PlayerException | RuntimeException e) {
      problem = PlayerMessages.describe(e);
      if (command instanceof ControlCommand.Pause) {
        failed(player, e);
      }
    }
    answer(order, problem);
  }

  /**
   * Show control's reload, when the order comes: every rank checks its screen's clips of the new
   * layout on its node (there, readable, a player that can take them), and only when every one can
   * does every screen switch, at the next loop seam ({@link #switchTogether}). Otherwise the show
   * plays on as it was, and the answer names each screen that could not, and why.
   */
  private void checkNextShow(ShowOrder order) throws WallAbortedException {
    String problem = null;
    Layout next = null;
    try {
      next = dev.wall.player.wire.LayoutWire.decode(order.layout());
      Player player = player();
      if (newShow == null) {
        problem = "this rank cannot take a new layout";
      } else if (player != null && !player.takesNewClips()) {
        problem = "its player cannot take new clips while it plays; restart the wall";
      } else {
        problem = newShow.problem(newShow.spec(next, next.screen(comm.rank())));
      }
    } catch (RuntimeException e) {
      problem = "the new layout could not be read here: " + e.getMessage();
    }
    List<byte[]> acks =
        comm.gather(
            ShowOrder.Ack.encode(new ShowOrder.Ack(problem, Double.NaN)), 0, RESTART_DEADLINE);
    String answer = null;
    if (comm.isRoot()) {
      List<String> problems = screensWithProblems(decoded(acks));
      answer =
          problems.isEmpty()
              ? "every screen ("
                  + acks.size()
                  + ") has its new clips; they play from the start of the next loop"
              : "!"
                  + problems.size()
                  + " of "
                  + acks.size()
                  + " screens cannot play the new layout; "
                  + String.join("; ", problems);
    }
    byte[] decided =
        comm.broadcast(
            comm.isRoot() ? new byte[] {(byte) (answer.startsWith("!") ? 0 : 1)} : new byte[0],
            0,
            ROUND_DEADLINE);
    if (decided[0] == 1) {
      nextShow = next;
    }
    if (comm.isRoot()) {
      listener.answered(order.id(), !answer.startsWith("!"), answer.replaceFirst("^!", ""));
    }
  }

  /**
   * At a loop's seam, the new layout a reload brought: every screen's player takes its new clips,
   * its new first frame held where the old last frame was (no black between), and every screen is
   * released by one barrier, as at any seam. A player that fails meanwhile is replaced by one of
   * the new clips.
   */
  private void switchTogether() throws WallAbortedException {
    layout = nextShow;
    nextShow = null;
    screen = layout.screen(comm.rank());
    PlayerSpec spec = newShow.spec(layout, screen);
    newShow.adopt(spec);
    keeper.atStep(0);
    paused = false;
    Player player = player();
    if (player != null) {
      try {
        player.pause();
        player.switchTo(spec, SEEK_TIMEOUT);
        learnFrameRate(player); // the rate it learnt stays: it is the node's clock
      } catch (PlayerException | RuntimeException e) {
        failed(player, e);
      }
    }
    keeper.atSeam();
    Player joined = player();
    if (joined != null && joined != player) {
      try {
        joined.switchTo(spec, SEEK_TIMEOUT); // it was made for the old clips
      } catch (PlayerException | RuntimeException e) {
        failed(joined, e);
      }
    }
    agreeOnSteps();
    if (comm.isRoot()) {
      listener.screenChanged(
          "wall: the new layout plays from loop " + (loop + 1) + " on every screen");
    }
    agreeOrAbort(RESTART_DEADLINE);
    comm.barrier(ROUND_DEADLINE);
    release(0);
  }

  /**
   * Show control's trigger: every screen holds its frame and shows the clip's first frame (the
   * whole clip, or its region of it as a span), every screen is released by one barrier, and when
   * the clip has ended every screen goes back to where the loop was, or to its start, released
   * together again. A screen that cannot show the clip (not on its node, a player that cannot)
   * holds its frame meanwhile and goes back with the others; the controller's answer names it.
   */
  private void playTriggered(ShowOrder order, ControlCommand.Trigger trigger)
      throws WallAbortedException, Jump {
    Player player = player();
    String problem = null;
    double at = Double.NaN;
    double seconds = 0;
    boolean showing = false;
    boolean loading = false;
    if (player != null) {
      try {
        player.pause();
        at = player.position();
        Path clip = triggerClip(trigger.clip());
        loading = true;
        player.showClip(
            clip,
            trigger.span() ? SpanCrop.of(screen.region(), layout.wall()) : null,
            SEEK_TIMEOUT);
        seconds = player.duration();
        showing = true;
      } catch (PlayerException e) {
        problem = PlayerMessages.describe(e);
      } catch (RuntimeException e) {
        failed(player, e);
      }
    }
    wallClock.atSeam();
    List<byte[]> acks =
        comm.gather(
            ShowOrder.Ack.encode(new ShowOrder.Ack(problem, at, seconds)), 0, RESTART_DEADLINE);
    String answer = comm.isRoot() ? triggerAnswer(order, trigger, acks) : null;
    java.nio.ByteBuffer plan =
        java.nio.ByteBuffer.wrap(
            comm.broadcast(
                comm.isRoot()
                    ? java.nio.ByteBuffer.allocate(16)
                        .putDouble(pausedAt)
                        .putDouble(triggeredSeconds)
                        .array()
                    : new byte[0],
                0,
                ROUND_DEADLINE));
    double resumeAt = plan.getDouble();
    double clipSeconds = plan.getDouble();
    agreeOrAbort(RESTART_DEADLINE);
    comm.barrier(ROUND_DEADLINE);
    if (showing) {
      try {
        player.release();
      } catch (PlayerException | RuntimeException e) {
        failed(player, e);
      }
    }
    if (comm.isRoot()) {
      listener.answered(order.id(), !answer.startsWith("!"), answer.replaceFirst("^!", ""));
    }
    awaitTriggeredEnd(showing ? player : null, clipSeconds);
    agreeOrAbort(SEAM_DEADLINE);
    if (loading && keeper.playing() == player) {
      try {
        player.backToShow(stepPlaying, SEEK_TIMEOUT);
      } catch (PlayerException | RuntimeException e) {
        failed(player, e);
      }
    }
    if (!trigger.resume()) {
      throw new Jump(order, true);
    }
    restartTogether(stepPlaying, 0, resumeAt);
  }

  /**
   * The triggered clip on this node: inside the media root, also once links are followed, and
   * readable within a deadline (a share that does not answer is named, not waited on).
   */
  private Path triggerClip(String clip) throws PlayerException {
    Path root = Path.of(layout.mediaRoot()).toAbsolutePath().normalize();
    Path path = dev.wall.core.layout.MediaPaths.resolve(root, clip);
    if (!path.startsWith(root) || path.equals(root)) {
      throw new PlayerException(clip + " is not inside the media root " + root);
    }
    java.util.Optional<String> unreadable = MediaReach.problem(path, SEEK_TIMEOUT.dividedBy(2));
    if (unreadable.isPresent()) {
      throw new PlayerException(
          "no clip "
              + clip
              + " to trigger on "
              + host
              + ": "
              + unreadable.get()
              + "; put it in "
              + root
              + " on every node");
    }
    try {
      if (!path.toRealPath().startsWith(root.toRealPath())) {
        throw new PlayerException(
            clip + " leads out of the media root " + root + " through a link; trigger is refused");
      }
    } catch (java.io.IOException e) {
      throw new PlayerException("no clip " + clip + " in " + root + " on " + host, e);
    }
    return path;
  }

  /**
   * On rank 0: the answer to a trigger, naming each screen that could not show the clip ("!" in
   * front when none could), and where the wall goes back to ({@link #pausedAt}).
   */
  private String triggerAnswer(ShowOrder order, ControlCommand.Trigger trigger, List<byte[]> acks) {
    List<ShowOrder.Ack> answers = decoded(acks);
    List<String> problems = screensWithProblems(answers);
    List<Double> positions = new ArrayList<>();
    double seconds = 0;
    for (ShowOrder.Ack ack : answers) {
      if (!Double.isNaN(ack.position())) {
        positions.add(ack.position());
      }
      seconds = Math.max(seconds, ack.seconds());
    }
    triggeredSeconds = seconds;
    positions.sort(null);
    pausedAt =
        positions.isEmpty() ? conductor.lastReference() : positions.get(positions.size() / 2);
    int screens = acks.size();
    int shown = screens - problems.size();
    String then =
        trigger.resume()
            ? String.format(
                java.util.Locale.ROOT,
                "back to loop %d, item %d, %.3f s",
                loop,
                conductor.item() + 1,
                pausedAt)
            : String.format(java.util.Locale.ROOT, "back to the start of loop %d", loop);
    String playing =
        String.format(
            java.util.Locale.ROOT,
            "%s (%.1f s) %s; then %s",
            trigger.clip(),
            seconds,
            trigger.span() ? "as a span" : "on every screen",
            then);
    if (problems.isEmpty()) {
      return "every screen (" + screens + ") plays " + playing;
    }
    return (shown == 0 ? "!" : "")
        + shown
        + " of "
        + screens
        + " screens play "
        + playing
        + "; "
        + String.join("; ", problems);
  }

  /**
   * Until the triggered clip has ended on this screen ({@code player}, or null when it shows none),
   * {@code seconds} at most plus a grace; rank 0 reports the wall alive each round meanwhile.
   */
  private void awaitTriggeredEnd(Player player, double seconds) {
    long deadline = System.nanoTime() + (long) (seconds / rate * 1e9) + END_GRACE.toNanos();
    long ends = System.nanoTime() + (long) (seconds / rate * 1e9);
    long nextReport = System.nanoTime() + roundInterval.toNanos();
    while (true) {
      long now = System.nanoTime();
      if (player != null) {
        try {
          if (keeper.playing() != player || player.reachedEnd()) {
            return;
          }
        } catch (PlayerException | RuntimeException e) {
          failed(player, e);
          player = null;
        }
        if (now > deadline) {
          keeper.failed(player, "the triggered clip did not reach its end in time");
          return;
        }
      } else if (now > ends) {
        return;
      }
      if (comm.isRoot() && now > nextReport) {
        listener.round(
            conductor
                .status(loop, loops, conductor.lastReference(), frameRate())
                .withShow(paused, blanked));
        nextReport = now + roundInterval.toNanos();
      }
      LockSupport.parkNanos(END_POLL_NANOS);
    }
  }

  /**
   * After a pause, every screen shows the frame at the same position (where rank 0 says the wall
   * resumes from), so a paused wall does not keep the screens' skew of that instant.
   */
  private void holdTheSameFrame() throws WallAbortedException {
    byte[] at =
        comm.broadcast(
            comm.isRoot()
                ? java.nio.ByteBuffer.allocate(8).putDouble(pausedAt).array()
                : new byte[0],
            0,
            ROUND_DEADLINE);
    double position = java.nio.ByteBuffer.wrap(at).getDouble();
    Player player = player();
    if (player != null && !Double.isNaN(position)) {
      try {
        player.seekTo(clipPosition(position, player), SEEK_TIMEOUT);
      } catch (PlayerException | RuntimeException e) {
        failed(player, e);
      }
    }
  }

  /**
   * Every paused screen plays on from {@code position}, as at a start: shown paused there, then
   * every screen released by one barrier.
   */
  private void resumeTogether(double position) throws WallAbortedException {
    Player player = player();
    if (player != null) {
      try {
        player.seekTo(clipPosition(position, player), SEEK_TIMEOUT);
      } catch (PlayerException | RuntimeException e) {
        failed(player, e);
      }
    }
    agreeOrAbort(RESTART_DEADLINE);
    comm.barrier(ROUND_DEADLINE);
    paused = false;
    release(position);
  }

  /**
   * Every rank says how {@code order} went on its screen ({@code problem}, or null when it went
   * well) and where its screen is; rank 0 answers the controller in one line naming the screens
   * that could not.
   */
  private void answer(ShowOrder order, String problem) throws WallAbortedException {
    double position = Double.NaN;
    Player player = player();
    if (player != null) {
      try {
        position = player.position();
      } catch (PlayerException | RuntimeException e) {
        // A screen that cannot say where it is has no say in where the wall resumes.
      }
    }
    List<byte[]> acks =
        comm.gather(ShowOrder.Ack.encode(new ShowOrder.Ack(problem, position)), 0, ROUND_DEADLINE);
    ControlCommand command = order.command();
    if (!comm.isRoot()) {
      if (command instanceof ControlCommand.Pause) {
        holdTheSameFrame();
      }
      return;
    }
    List<ShowOrder.Ack> answers = decoded(acks);
    List<String> problems = screensWithProblems(answers);
    List<Double> positions = new ArrayList<>();
    for (ShowOrder.Ack ack : answers) {
      if (!Double.isNaN(ack.position())) {
        positions.add(ack.position());
      }
    }
    if (command instanceof ControlCommand.Pause) {
      positions.sort(null);
      pausedAt =
          positions.isEmpty() ? conductor.lastReference() : positions.get(positions.size() / 2);
      holdTheSameFrame();
    }
    int screens = acks.size();
    String where =
        String.format(
            java.util.Locale.ROOT,
            "at loop %d%s, item %d, %.3f s",
            loop,
            loops == 0 ? "" : "/" + loops,
            conductor.item() + 1,
            positions.isEmpty() ? 0.0 : positions.get(0));
    if (command instanceof ControlCommand.Goto
        || command instanceof ControlCommand.Next
        || command instanceof ControlCommand.Previous
        || command instanceof ControlCommand.Restart) {
      where = String.format(java.util.Locale.ROOT, "at loop %d, item %d", loop, order.item() + 1);
    }
    listener.answered(
        order.id(),
        problems.isEmpty(),
        problems.isEmpty()
            ? "every screen (" + screens + ") " + where
            : (screens - problems.size())
                + " of "
                + screens
                + " screens; "
                + String.join("; ", problems));
  }

  private static List<ShowOrder.Ack> decoded(List<byte[]> acks) {
    return acks.stream().map(ShowOrder.Ack::decode).toList();
  }

  /** On rank 0: one line for each screen whose rank answered a problem, naming it and its host. */
  private List<String> screensWithProblems(List<ShowOrder.Ack> answers) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < answers.size(); i++) {
      if (!answers.get(i).ok()) {
        problems.add(
            "screen "
                + layout.screen(i).name()
                + " on "
                + layout.screen(i).host()
                + ": "
                + answers.get(i).problem());
      }
    }
    return problems;
  }

  /** In a mode that takes no commands: each waiting command is refused, saying why. */
  private void refuseWaiting(String why) {
    if (inbox == null) {
      return;
    }
    for (CommandInbox.Arrived waiting = inbox.poll(0); waiting != null; waiting = inbox.poll(0)) {
      listener.answered(waiting.line().id(), false, why);
    }
  }

  /**
   * Where the wall is, for a player that joins mid-loop (this screen's own target: the wall's
   * reference plus its latency); nobody joins once the loop is ending.
   */
  private void heard(RoundCommand command, long roundNanos) {
    if (command.action() == Action.PLAY) {
      wallClock.playing(command.reference() + screen.latencyMs() / 1000.0, roundNanos);
    } else {
      wallClock.atSeam();
    }
  }

  /**
   * {@code independent} loop mode: this screen restarts its clip the moment it ends, without
   * waiting for the others; control rounds keep every screen's virtual clock (loops done times the
   * clip's length, plus the position) together, so the wall stays in step with its start.
   */
  private void playIndependently() throws WallAbortedException {
    long started = System.nanoTime();
    long previousRound = started;
    long loopStarted = started;
    int reported = 0;
    RoundCommand command;
    do {
      restartAtEndUntil(previousRound + roundInterval.toNanos(), 0);
      refuseWaiting("a wall in loopMode independent takes no commands");
      comm.barrier(ROUND_DEADLINE);
      long now = System.nanoTime();
      List<RankStatus> all = gather(sampleVirtual(now), ROUND_DEADLINE);
      double dt = (now - previousRound) / 1e9;
      command =
          broadcast(
              comm.isRoot() ? conductor.decideIndependent(all, dt, loops) : null, ROUND_DEADLINE);
      heard(command, now);
      previousRound = now;
      if (comm.isRoot()) {
        listener.roundCost((System.nanoTime() - now) / 1e9);
        double longest = conductor.longestClip();
        listener.round(
            conductor
                .status(
                    reported + 1,
                    loops,
                    conductor.lastReference() - reported * longest,
                    frameRate())
                .withShow(paused, blanked));
        for (;
            reported < conductor.loopsCompleted(longest) && (loops == 0 || reported < loops);
            reported++) {
          listener.loopEnded(
              conductor.finishLoop(reported + 1, loops, (now - loopStarted) / 1e9, frameRate()));
          loopStarted = now;
        }
      }
      abortIfAsked(command);
      apply(command);
    } while (command.action() != Action.AWAIT_END);
    // The last stretch: the longest clips end at the deadline and hold their last frame.
    restartAtEndUntil(System.nanoTime() + (long) (command.endsIn() * 1e9), FINAL_HOLD_NANOS);
    agreeOrAbort(sampleVirtual(System.nanoTime()), ROUND_DEADLINE);
    if (comm.isRoot() && reported < loops) {
      listener.loopEnded(
          conductor.finishLoop(loops, loops, (System.nanoTime() - loopStarted) / 1e9, frameRate()));
    }
  }

  /**
   * Plays until {@code deadline}, restarting the clip from frame 0 whenever it ends, except in the
   * last {@code holdNanos} before the deadline, where an ended clip holds its last frame.
   */
  private void restartAtEndUntil(long deadline, long holdNanos) {
    while (System.nanoTime() < deadline) {
      Player player = player();
      if (player != null) {
        try {
          if (player.reachedEnd() && deadline - System.nanoTime() > holdNanos) {
            player.seekTo(0, SEEK_TIMEOUT);
            player.release();
            loopsDone++;
          }
        } catch (PlayerException | RuntimeException e) {
          failed(player, e);
        }
      }
      LockSupport.parkNanos(Math.min(END_POLL_NANOS, Math.max(0, deadline - System.nanoTime())));
    }
  }

  /** A seek target in this clip: in independent mode targets are virtual, so they wrap. */
  private double clipPosition(double target, Player player) {
    if (layout.loopMode() != LoopMode.INDEPENDENT) {
      return target;
    }
    double duration = playerDuration(player);
    loopsDone = (int) Math.floor(target / duration);
    return target - loopsDone * duration;
  }

  private static double playerDuration(Player player) {
    try {
      double duration = player.duration();
      return duration > 0 ? duration : 1;
    } catch (PlayerException e) {
      return 1;
    }
  }

  /** In independent mode: loops done times the clip's length, plus the position in this loop. */
  private RankStatus sampleVirtual(long now) {
    RankStatus status = sample(now);
    return status.playing() ? status.at(loopsDone * status.duration() + status.position()) : status;
  }

  private void apply(RoundCommand command) {
    Player player = player();
    if (player == null) {
      return;
    }
    int me = comm.rank();
    try {
      if (!Double.isNaN(command.seeks()[me])) {
        player.seekTo(clipPosition(command.seeks()[me], player), SEEK_TIMEOUT);
      }
      double wanted = command.rates()[me];
      if (wanted != rate && player.capabilities().trimsRate()) {
        player.setRate(wanted);
        rate = wanted;
      }
    } catch (PlayerException | RuntimeException e) {
      failed(player, e);
    }
  }

  /** Waits for this screen's last frame, held on screen; a shorter clip just waits longer. */
  private void awaitOwnEnd() {
    Player player = player();
    if (player == null) {
      return; // a recovering screen meets the others at the seam
    }
    try {
      double left = Math.max(0, player.duration() - player.position()) / rate;
      long deadline = System.nanoTime() + (long) (left * 1e9) + END_GRACE.toNanos();
      while (keeper.playing() == player && !player.reachedEnd()) {
        if (System.nanoTime() > deadline) {
          keeper.failed(player, "the clip did not reach its end in time");
          return;
        }
        LockSupport.parkNanos(END_POLL_NANOS);
      }
    } catch (PlayerException | RuntimeException e) {
      failed(player, e);
    }
  }

  /**
   * At the seam: the first frame of {@code step} (frame 0 of the clip, at a loop's seam) while
   * paused, then everyone is released by one barrier.
   */
  private void restartTogether(int step, int item) throws WallAbortedException {
    restartTogether(step, item, Double.NaN);
  }

  /**
   * The same, every screen paused at {@code at} in the step rather than at an item's start, unless
   * {@code at} is NaN.
   */
  private void restartTogether(int step, int item, double at) throws WallAbortedException {
    keeper.atStep(step);
    paused = false;
    double from = 0;
    Player player = player();
    if (player != null) {
      try {
        // The rate stays: it carries what the control loop learnt of this node's clock.
        player.pause();
        player.showStep(step, SEEK_TIMEOUT);
        from = Double.isNaN(at) ? itemStart(player, item) : at;
        if (from > 0) {
          player.seekTo(from, SEEK_TIMEOUT);
        }
      } catch (PlayerException | RuntimeException e) {
        failed(player, e);
      }
    }
    keeper.atSeam();
    Player joined = player();
    if (joined != null && joined != player) {
      try {
        joined.showStep(step, SEEK_TIMEOUT); // it was waiting on another step's first frame
        from = Double.isNaN(at) ? itemStart(joined, item) : at;
        if (from > 0) {
          joined.seekTo(from, SEEK_TIMEOUT);
        }
      } catch (PlayerException | RuntimeException e) {
        failed(joined, e);
      }
    }
    agreeOrAbort(RESTART_DEADLINE);
    comm.barrier(ROUND_DEADLINE);
    release(from);
  }

  /** Where item {@code item} of the step starts on this screen; 0 for the first. */
  private double itemStart(Player player, int item) throws PlayerException {
    if (item <= 0) {
      return 0;
    }
    List<Double> starts = player.itemStarts();
    return starts.get(item % starts.size());
  }

  /**
   * Everyone leaves one barrier together: each playing screen starts, and the wall's clock with it.
   * A panel that shows frames later than the latest one ({@code latencyMs}) is unpaused that much
   * sooner, so that every panel shows the clip's first frame at once.
   */
  private void release() {
    release(0);
  }

  /** The same, with every screen paused at {@code from} in its step (a resume, a goto). */
  private void release(double from) {
    long early =
        (layout.screens().stream().mapToLong(Screen::latencyMs).max().orElse(0)
                - screen.latencyMs())
            * 1_000_000L;
    if (early > 0) {
      sleepUntil(System.nanoTime() + early);
    }
    Player player = player();
    if (player != null) {
      try {
        player.release();
      } catch (PlayerException | RuntimeException e) {
        failed(player, e);
      }
    }
    wallClock.playing(from, System.nanoTime());
    loopsDone = 0;
    if (conductor != null) {
      conductor.released(from);
    }
  }

  /**
   * The player this thread drives now, or null while the screen recovers. A player that took a
   * failed one's place starts at rate 1, and in independent mode where it joined.
   */
  private Player player() {
    Player player = keeper.playing();
    if (player != null && player != current) {
      current = player;
      rate = 1.0;
      if (blanked) {
        try {
          player.blank(true);
        } catch (PlayerException e) {
          // Said when blank was ordered; this screen shows its picture meanwhile.
        }
      }
      loopsDone = keeper.loopsDoneAtJoin();
      try {
        learnFrameRate(player);
      } catch (PlayerException e) {
        // The clip does not say: the last known rate stands.
      }
    }
    return player;
  }

  private void failed(Player player, Exception e) {
    keeper.failed(player, PlayerMessages.describe(e));
  }

  /**
   * This rank's position now, and when that was on its machine's clock; called right after a
   * barrier, so ranks sample about the same instant (see {@link dev.wall.core.sync.CommonInstant}).
   * A screen that is not playing reports only its health.
   */
  private RankStatus sample(long now) {
    Player player = player();
    if (player != null) {
      try {
        return RankStatus.healthy(player.position(), player.duration(), player.reachedEnd(), rate)
            .sampledAt(now, clock)
            .with(keeper.health());
      } catch (PlayerException | RuntimeException e) {
        failed(player, e);
      }
    }
    return RankStatus.notPlaying(keeper.health());
  }

  /** A round where everyone reports health, at the start and every seam. */
  private void agreeOrAbort(Duration within) throws WallAbortedException {
    agreeOrAbort(sample(System.nanoTime()), within);
  }

  private void agreeOrAbort(RankStatus mine, Duration within) throws WallAbortedException {
    wallClock.atSeam();
    List<RankStatus> all = gather(mine, within);
    // The others wait for this answer from the moment they sent their part: as long as the gather
    // may last.
    abortIfAsked(broadcast(comm.isRoot() ? conductor.agree(all) : null, within));
  }

  private static void abortIfAsked(RoundCommand command) throws WallAbortedException {
    if (command.action() == Action.ABORT) {
      throw new WallAbortedException(command.message());
    }
  }

  private List<RankStatus> gather(RankStatus mine, Duration within) {
    List<RankStatus> all = new ArrayList<>();
    for (byte[] message : comm.gather(RoundWire.encode(mine), 0, within)) {
      all.add(RoundWire.decodeStatus(message));
    }
    return all;
  }

  private RoundCommand broadcast(RoundCommand command, Duration within) {
    byte[] bytes = command == null ? new byte[0] : RoundWire.encode(command);
    return RoundWire.decodeCommand(comm.broadcast(bytes, 0, within));
  }

  private void learnFrameRate(Player player) throws PlayerException {
    frameRate = player.frameRate();
    if (conductor != null) {
      conductor.frameRate(frameRate);
    }
  }

  private double frameRate() {
    return frameRate;
  }

  private static void sleepUntil(long nanoTime) {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
    }
  }
}
