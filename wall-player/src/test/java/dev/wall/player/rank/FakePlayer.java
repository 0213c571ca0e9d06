package dev.wall.player.rank;

import dev.wall.player.players.Capabilities;
import dev.wall.player.players.Player;
import dev.wall.player.players.PlayerException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An in-process player on the real clock, for unit tests of the rank runtime. Records every call.
 */
final class FakePlayer implements Player {
  record Call(String what, long nanos, double position) {}

  final String name;
  final List<Call> calls;

  /** Each playlist item's length; one item for a plain clip. */
  private final double[] items;

  private final boolean itemByItem;
  private int step;
  private final boolean failPrepare;
  private volatile Consumer<String> exitListener = message -> {};
  private double base;
  private long releasedAt;
  private boolean playing;
  private double rate = 1.0;
  private volatile boolean hung;
  private volatile boolean stopped;

  /** A decoder that cannot keep up: each position query finds this many more frames dropped. */
  volatile int dropsPerQuery;

  private final java.util.concurrent.atomic.AtomicLong dropped =
      new java.util.concurrent.atomic.AtomicLong();

  FakePlayer(String name, double duration, boolean failPrepare, List<Call> sharedLog) {
    this(name, new double[] {duration}, false, failPrepare, sharedLog);
  }

  /** A playlist of {@code items}, played item by item, or as one timeline. */
  FakePlayer(
      String name, double[] items, boolean itemByItem, boolean failPrepare, List<Call> sharedLog) {
    this.name = name;
    this.items = items.clone();
    this.itemByItem = itemByItem;
    this.failPrepare = failPrepare;
    this.calls = sharedLog;
  }

  static List<Call> newLog() {
    return new CopyOnWriteArrayList<>();
  }

  private void record(String what) {
    calls.add(new Call(name + ":" + what, System.nanoTime(), positionNow()));
  }

  private synchronized double positionNow() {
    if (!playing) {
      return base;
    }
    double p = base + (System.nanoTime() - releasedAt) / 1e9 * rate;
    return Math.min(p, duration());
  }

  @Override
  public void prepare(Duration timeout) throws PlayerException {
    record("prepare");
    if (failPrepare) {
      throw new PlayerException(name + ": could not open the clip");
    }
  }

  @Override
  public synchronized void release() {
    releasedAt = System.nanoTime();
    playing = true;
    record("release");
  }

  @Override
  public synchronized void pause() {
    base = positionNow();
    playing = false;
    record("pause");
  }

  @Override
  public synchronized void seekTo(double seconds, Duration timeout) {
    base = seconds;
    releasedAt = System.nanoTime();
    record("seek " + seconds);
  }

  @Override
  public double position() {
    dropped.addAndGet(dropsPerQuery);
    return positionNow();
  }

  /** Set: the player says it stalled, as one frozen on a share that stopped answering. */
  volatile String stall;

  @Override
  public String stalledOn() {
    return stall;
  }

  @Override
  public long droppedFrames() {
    return dropped.get();
  }

  @Override
  public synchronized void setRate(double newRate) {
    base = positionNow();
    releasedAt = System.nanoTime();
    rate = newRate;
  }

  @Override
  public boolean reachedEnd() {
    return positionNow() >= duration();
  }

  @Override
  public double duration() {
    if (!Double.isNaN(triggered)) {
      return triggered;
    }
    return itemByItem ? items[step] : java.util.Arrays.stream(items).sum();
  }

  /** The length of the triggered clip it shows, or NaN while it shows the show. */
  private double triggered = Double.NaN;

  /** A triggered clip's length, for every fake: its file holds no video to read it from. */
  static final double TRIGGERED_SECONDS = 0.5;

  @Override
  public synchronized void showClip(
      java.nio.file.Path clip, dev.wall.player.players.SpanCrop crop, Duration timeout) {
    triggered = TRIGGERED_SECONDS;
    base = 0;
    playing = false;
    record("trigger " + clip.getFileName() + (crop == null ? "" : " " + crop));
  }

  @Override
  public synchronized void backToShow(int next, Duration timeout) {
    triggered = Double.NaN;
    step = itemByItem ? next : 0;
    base = 0;
    playing = false;
    record("back " + next);
  }

  @Override
  public int steps() {
    return itemByItem ? items.length : 1;
  }

  @Override
  public synchronized void showStep(int next, Duration timeout) {
    if (steps() == 1) {
      seekTo(0, timeout);
      return;
    }
    step = next;
    base = 0;
    releasedAt = System.nanoTime();
    record("show " + next);
  }

  @Override
  public List<Double> itemStarts() {
    if (itemByItem) {
      return List.of(0.0);
    }
    List<Double> starts = new java.util.ArrayList<>();
    double start = 0;
    for (double item : items) {
      starts.add(start);
      start += item;
    }
    return starts;
  }

  @Override
  public double frameRate() {
    return 30;
  }

  @Override
  public boolean takesNewClips() {
    return true;
  }

  /** Takes {@code next}'s clips, of the same lengths as before, held on the first frame. */
  @Override
  public synchronized void switchTo(dev.wall.player.players.PlayerSpec next, Duration timeout) {
    step = 0;
    base = 0;
    playing = false;
    record(
        "switch "
            + String.join(
                ",", next.media().stream().map(p -> p.getFileName().toString()).toList()));
  }

  @Override
  public Capabilities capabilities() {
    return new Capabilities(true, true, 0.001, true, true);
  }

  @Override
  public void ping(Duration deadline) throws PlayerException {
    if (hung || stopped) {
      java.util.concurrent.locks.LockSupport.parkNanos(deadline.toNanos());
      throw new PlayerException(name + ": no answer within " + deadline.toMillis() + " ms");
    }
  }

  @Override
  public void stop() {
    if (!stopped) {
      stopped = true;
      record("stop");
    }
  }

  boolean stopped() {
    return stopped;
  }

  /** As if the player process stopped answering (SIGSTOP, a stuck driver). */
  void hang() {
    hung = true;
  }

  @Override
  public void onUnexpectedExit(Consumer<String> listener) {
    exitListener = listener;
  }

  /** As if the player process died on its own. */
  void crash() {
    exitListener.accept(name + ": mpv exited unexpectedly (code 9)");
  }
}
