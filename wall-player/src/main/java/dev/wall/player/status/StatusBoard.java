package dev.wall.player.status;

import dev.wall.player.wire.StatusFile;
import dev.wall.player.wire.WallState;
import dev.wall.player.wire.WallStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The controller's side of the status file: keeps what the wall is doing as it changes (about once
 * a second, with each control round) and writes it to the run folder at most once a second, on a
 * thread of its own, so neither a slow disk nor a burst of changes touches the relay of the ranks'
 * messages. Nothing of the past is kept: only the latest state.
 */
public final class StatusBoard implements AutoCloseable {
  private static final long WRITE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Path runDir;
  private final String host;
  private final String layout;
  private final boolean supervised;
  private final Instant started = Instant.now();
  private final String processStart = StatusFile.ownStart();
  private final Thread writer;
  private WallState.Phase phase = WallState.Phase.STARTING;
  private WallStatus status;
  private int jobRestarts;
  private Instant lastRestartAt;
  private String lastRestartCause;
  private Instant nextStartAt;
  private List<String> waitingFor = List.of();
  private String offLabel;
  private boolean dirty = true;
  private boolean closed;
  private String lastWriteFailure;
  private String layoutNotice;

  public StatusBoard(Path runDir, String host, String layout, boolean supervised) {
    this.runDir = runDir;
    this.host = host;
    this.layout = layout;
    this.supervised = supervised;
    this.writer = new Thread(this::writeEverySecond, "status-file");
    writer.setDaemon(true);
    writer.start();
  }

  /** The job is being started, for the {@code restarts}-th time after the first. */
  public synchronized void jobStarting(int restarts) {
    phase = WallState.Phase.STARTING;
    jobRestarts = restarts;
    nextStartAt = null;
    waitingFor = List.of();
    offLabel = null;
    changed();
  }

  /** A control round's news from rank 0. */
  public synchronized void status(WallStatus latest) {
    status = latest;
    phase = WallState.Phase.PLAYING;
    changed();
  }

  /** The job ended for {@code cause}; it starts again at {@code next}. */
  public synchronized void restarting(String cause, Instant next) {
    phase = WallState.Phase.RESTARTING;
    lastRestartAt = Instant.now();
    lastRestartCause = cause;
    nextStartAt = next;
    status = status == null ? null : status.stopped();
    changed();
  }

  /** The job waits for these nodes to answer (one line each, naming the node and its screens). */
  public synchronized void waitingFor(List<String> nodes) {
    phase = WallState.Phase.WAITING_FOR_NODES;
    waitingFor = List.copyOf(nodes);
    changed();
  }

  /** The schedule closed the wall; {@code label} says until when. */
  public synchronized void off(String label) {
    phase = WallState.Phase.OFF;
    offLabel = label;
    status = null;
    nextStartAt = null;
    waitingFor = List.of();
    changed();
  }

  /** The schedule opens the wall: its job starts from loop 1. */
  public synchronized void waking() {
    phase = WallState.Phase.STARTING;
    offLabel = null;
    changed();
  }

  /**
   * Why the layout file's last change does not play (one line), or null once the change it says was
   * taken.
   */
  public synchronized void layoutNotice(String why) {
    layoutNotice = why;
    changed();
  }

  /** The wall ended: written at once, and nothing more after it. */
  public void stopped() {
    WallState last;
    synchronized (this) {
      phase = WallState.Phase.STOPPED;
      status = status == null ? null : status.stopped();
      closed = true;
      last = snapshot();
      notifyAll();
    }
    try {
      writer.join(2000); // a write in progress lands first, so this one is the last
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    write(last);
  }

  /** The state as it would be written now. */
  public synchronized WallState snapshot() {
    Instant now = Instant.now();
    return new WallState(
        new WallState.Wall(
            ProcessHandle.current().pid(),
            processStart,
            host,
            layout,
            phase,
            supervised,
            started.toString(),
            jobRestarts,
            text(lastRestartAt),
            lastRestartCause,
            text(nextStartAt),
            waitingFor,
            offLabel,
            now.toString(),
            layoutNotice),
        status);
  }

  /** Why the last write failed, or null: the wall plays on without its status file. */
  public synchronized String lastWriteFailure() {
    return lastWriteFailure;
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private void changed() {
    dirty = true;
    notifyAll();
  }

  private void writeEverySecond() {
    long lastWrite = 0;
    while (true) {
      WallState state;
      synchronized (this) {
        try {
          while (!closed && (!dirty || System.nanoTime() - lastWrite < WRITE_EVERY_NANOS)) {
            long wait =
                dirty ? WRITE_EVERY_NANOS - (System.nanoTime() - lastWrite) : WRITE_EVERY_NANOS;
            TimeUnit.NANOSECONDS.timedWait(this, Math.max(1_000_000, wait));
          }
        } catch (InterruptedException e) {
          return;
        }
        if (closed) {
          return;
        }
        dirty = false;
        state = snapshot();
      }
      write(state);
      lastWrite = System.nanoTime();
    }
  }

  private void write(WallState state) {
    try {
      StatusFile.write(runDir, state);
      synchronized (this) {
        lastWriteFailure = null;
      }
    } catch (IOException e) {
      synchronized (this) {
        lastWriteFailure = e.getMessage();
      }
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    writer.interrupt();
  }
}
