package dev.wall.player.players.omxplayer;

import dev.wall.player.players.Capabilities;
import dev.wall.player.players.MediaProbe;
import dev.wall.player.players.PlayerException;
import dev.wall.player.players.PlayerSpec;
import dev.wall.player.players.ProcessPlayer;
import dev.wall.player.process.ChildProcess;
import dev.wall.player.process.Lifeline;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * omxplayer (legacy Raspberry Pi OS), driven over D-Bus on a private bus of its own.
 *
 * <p>omxplayer has no start-paused flag: it is paused the moment it answers on the bus, which it
 * does before it shows its first frame, then sent back to 0. It quits at the end of the file, so a
 * guard thread pauses it {@link OmxplayerOptions#endGuardSeconds()} before the end; that frame is
 * the held last frame, and the wall seeks back to 0 itself. Seeks land on key frames. Rates are set
 * through the {@code Rate} property in steps of 0.001, which also resumes playback, so a rate set
 * while paused waits for {@link #release()}.
 */
public final class OmxplayerPlayer extends ProcessPlayer {
  static final Capabilities CAPABILITIES =
      new Capabilities(true, false, 0.001, true, true, false, Capabilities.ItemSwitch.RESTARTS);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
  private static final long POLL_NANOS = 10_000_000;

  private final OmxplayerOptions options;
  private final String busName;
  private PrivateBus bus;
  private OmxplayerControl control;
  private Thread endGuard;
  private volatile boolean endReached;
  private boolean playing;
  private double rate = 1.0;
  private double durationSeconds;

  public OmxplayerPlayer(PlayerSpec spec, OmxplayerOptions options) {
    super(spec, "omxplayer");
    this.options = options;
    this.busName = OmxplayerCommandLine.busName(spec.screenName());
  }

  @Override
  public void prepare(Duration timeout) throws PlayerException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String name = spec.screenName();
    try {
      Files.createDirectories(spec.workDir());
      clip =
          MediaProbe.probe(spec.media().get(item), spec.workDir().resolve(name + ".ffprobe.json"));
      var argv = OmxplayerCommandLine.argv(spec.item(item), options, clip);
      bus =
          PrivateBus.start(
              options.dbusDaemon(),
              spec.workDir().resolve(name + ".bus"),
              spec.workDir().resolve(name + ".dbus.log"),
              left(deadline));
      control = OmxplayerControl.connect(bus.address(), busName, REQUEST_TIMEOUT);
      process =
          ChildProcess.startWithLifeline(
              "omxplayer " + name,
              Lifeline.wrap(argv),
              spec.log(),
              OmxplayerCommandLine.environment(
                  spec, options, bus.address(), System.getenv("LD_LIBRARY_PATH")));
      process.onExit().thenAccept(this::exited);
      awaitOnBus(deadline);
      control.pause(left(deadline));
      awaitPaused(deadline);
      seekTo(0, left(deadline));
      long micros = control.durationMicros();
      durationSeconds = micros > 0 ? micros / 1e6 : clip.duration();
      startEndGuard();
    } catch (IOException e) {
      throw failure("did not come up", e);
    }
  }

  /** omxplayer takes its bus name before it opens the clip, so this is before its first frame. */
  private void awaitOnBus(long deadline) throws PlayerException, IOException {
    while (!control.playerOnBus()) {
      checkAlive("while starting");
      if (System.nanoTime() > deadline) {
        throw new PlayerException(
            spec.screenName() + ": omxplayer never appeared on its bus as " + busName);
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  private void awaitPaused(long deadline) throws PlayerException, IOException {
    while (!"Paused".equals(control.playbackStatus())) {
      checkAlive("while pausing on its first frame");
      if (System.nanoTime() > deadline) {
        throw new PlayerException(
            spec.screenName() + ": omxplayer did not pause on its first frame in time");
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  @Override
  public synchronized void release() throws PlayerException {
    try {
      if (rate != 1.0) {
        control.setRate(wireRate(rate));
      } else {
        control.play();
      }
    } catch (IOException e) {
      throw failure("did not resume", e);
    }
    playing = true;
    endReached = false;
    LockSupport.unpark(endGuard);
  }

  @Override
  public synchronized void pause() throws PlayerException {
    try {
      control.pause(REQUEST_TIMEOUT);
    } catch (IOException e) {
      throw failure("did not pause", e);
    }
    playing = false;
  }

  /** Returns once the position reads within the seek tolerance of the target (key-frame seeks). */
  @Override
  public void seekTo(double seconds, Duration timeout) throws PlayerException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      synchronized (this) {
        control.setPosition(Math.round(seconds * 1e6));
        endReached = false;
      }
      while (Math.abs(position() - seconds) > options.seekToleranceSeconds()) {
        checkAlive("while seeking");
        if (System.nanoTime() > deadline) {
          throw new PlayerException(
              spec.screenName()
                  + ": omxplayer seek to "
                  + seconds
                  + " s did not land in "
                  + timeout);
        }
        LockSupport.parkNanos(POLL_NANOS);
      }
    } catch (IOException e) {
      throw failure("seek failed", e);
    }
  }

  @Override
  public double position() throws PlayerException {
    try {
      return control.positionMicros() / 1e6;
    } catch (IOException e) {
      throw failure("position unreadable", e);
    }
  }

  /**
   * Applied at once while playing; while paused it waits for release, as Rate resumes omxplayer.
   */
  @Override
  public synchronized void setRate(double newRate) throws PlayerException {
    if (playing) {
      try {
        control.setRate(wireRate(newRate));
      } catch (IOException e) {
        throw failure("rate " + newRate + " refused", e);
      }
    }
    rate = newRate;
  }

  /**
   * omxplayer keeps {@code (int) (rate * 1000)}: send the nearest thousandth plus half a step, so
   * the truncation lands on it (1.001 as a double is 1.000999..., which would truncate to 1.000).
   */
  static double wireRate(double rate) {
    return (Math.round(rate * 1000) + 0.5) / 1000;
  }

  @Override
  public boolean reachedEnd() {
    return endReached;
  }

  @Override
  public double duration() {
    return durationSeconds;
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public void ping(Duration deadline) throws PlayerException {
    OmxplayerControl bus = control;
    if (bus == null || stopping) {
      throw new PlayerException(spec.screenName() + ": omxplayer is not running");
    }
    try {
      bus.ping(deadline);
    } catch (IOException e) {
      throw failure("did not answer", e);
    }
  }

  /** omxplayer itself, under its lifeline. */
  public long pid() {
    return Lifeline.program(process).map(ProcessHandle::pid).orElse(process.pid());
  }

  /** Pauses omxplayer just before the end, where it would quit; sleeps longer while far from it. */
  private void startEndGuard() {
    endGuard = new Thread(this::guardEnd, "omxplayer-end-" + spec.screenName());
    endGuard.setDaemon(true);
    endGuard.start();
  }

  private void guardEnd() {
    while (!stopping && process.isAlive()) {
      long wait = POLL_NANOS * 5;
      try {
        synchronized (this) {
          if (playing) {
            double left = durationSeconds - options.endGuardSeconds() - position();
            if (left <= 0) {
              control.pause(REQUEST_TIMEOUT);
              playing = false;
              endReached = true;
            } else {
              wait = (long) Math.min(Math.max(left / rate / 2 * 1e9, 5e6), 250e6);
            }
          }
        }
      } catch (PlayerException | IOException e) {
        // omxplayer is going away; its exit is reported by exited().
      }
      LockSupport.parkNanos(wait);
    }
  }

  @Override
  protected void stopBegins() {
    if (endGuard != null) {
      LockSupport.unpark(endGuard);
    }
  }

  /** The end guard of the item before has seen the stop. */
  @Override
  protected void beforeNextItem() {
    if (endGuard != null) {
      try {
        endGuard.join(Duration.ofSeconds(1).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Asks omxplayer to quit over D-Bus: a killed omxplayer can leave its video layer on screen. */
  @Override
  protected boolean askToQuit(Duration deadline) throws IOException {
    if (control == null) {
      return false;
    }
    control.quit(deadline);
    return true;
  }

  @Override
  protected void closeControl() {
    if (control != null) {
      control.close();
    }
    if (bus != null) {
      bus.close();
    }
  }
}
