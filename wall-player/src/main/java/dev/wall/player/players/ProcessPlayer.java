package dev.wall.player.players;

import dev.wall.player.process.ChildProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The lifecycle the players that run one process per playlist item share (omxplayer, VLC): a step
 * per item, each a new process paused on its first frame; a stop that asks the player to quit over
 * its control channel, then stops its process by the process runner's contract; an exit nobody
 * asked for reported once; and the messages that name the screen. A backend fills in how it is
 * asked to quit and what it keeps beside its process.
 */
public abstract class ProcessPlayer implements Player {
  /** How long a player asked to quit has, before its process is stopped. */
  private static final Duration QUIT_GRACE = Duration.ofSeconds(2);

  private static final Duration QUIT_REQUEST = Duration.ofMillis(500);
  private static final Duration STOP_GRACE = Duration.ofSeconds(1);

  protected final PlayerSpec spec;
  private final String program;

  /** The current item's clip, as probed, or null before the first prepare. */
  protected MediaInfo clip;

  protected ChildProcess process;
  protected volatile boolean stopping;

  /**
   * The playlist item playing: the program plays one file, so each item is a process of its own.
   */
  protected int item;

  private volatile Consumer<String> exitListener = message -> {};

  /**
   * @param program the player as messages name it ({@code omxplayer}, {@code VLC})
   */
  protected ProcessPlayer(PlayerSpec spec, String program) {
    this.spec = spec;
    this.program = program;
  }

  /**
   * Asks the player to quit over its control channel, within {@code deadline}; false when it cannot
   * be asked (no channel, or a closed one).
   */
  protected abstract boolean askToQuit(Duration deadline) throws IOException;

  /** Closes what the player keeps beside its process (its control channel, a private bus). */
  protected abstract void closeControl();

  /** As a stop begins, before the player is asked to quit: wake what watches it. */
  protected void stopBegins() {}

  /** Between the stop of one item's process and the start of the next's. */
  protected void beforeNextItem() {}

  @Override
  public double frameRate() {
    return clip == null ? 30 : clip.frameRateOr(30);
  }

  @Override
  public int steps() {
    return spec.items();
  }

  /**
   * The next playlist item, by a new process paused on its first frame: the program has no playlist
   * it could be held on, frame-exact, while the wall meets. The screen shows what lies beneath for
   * its start-up.
   */
  @Override
  public void showStep(int next, Duration timeout) throws PlayerException {
    if (next == item) {
      seekTo(0, timeout);
      return;
    }
    stop();
    beforeNextItem();
    stopping = false;
    item = next;
    prepare(timeout);
  }

  @Override
  public void onUnexpectedExit(Consumer<String> listener) {
    this.exitListener = listener;
  }

  @Override
  public void stop() {
    stopping = true;
    stopBegins();
    if (process != null) {
      if (process.isAlive()) {
        try {
          if (askToQuit(QUIT_REQUEST)) {
            process.waitFor(QUIT_GRACE);
          }
        } catch (IOException e) {
          // Not answering: the stop below forces it.
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      process.stop(STOP_GRACE);
    }
    closeControl();
  }

  /** For {@code process.onExit()}: an exit that no stop asked for is reported. */
  protected void exited(ChildProcess child) {
    if (!stopping && !child.isStopping()) {
      exitListener.accept(messages().unexpectedExit(child));
    }
  }

  protected void checkAlive(String when) throws PlayerException {
    messages().checkAlive(process, when);
  }

  protected PlayerException failure(String what, Exception cause) {
    return messages().failure(what, cause);
  }

  protected PlayerMessages messages() {
    return new PlayerMessages(spec.screenName(), program);
  }

  protected static Duration left(long deadline) {
    return PlayerMessages.left(deadline);
  }
}
