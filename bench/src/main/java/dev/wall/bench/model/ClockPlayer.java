package dev.wall.bench.model;

import dev.wall.player.players.Capabilities;
import dev.wall.player.players.Player;
import java.time.Duration;

/**
 * A player that decodes nothing: its position is the monotonic clock since its release, times its
 * rate. With it a rank costs what the wall's own code costs (its JVM, MPI, the control rounds), and
 * nothing for a player, so that many ranks on a small machine measure the wall and not the decoder.
 */
final class ClockPlayer implements Player {
  private final double duration;
  private double base;
  private long releasedAt;
  private boolean playing;
  private double rate = 1;

  ClockPlayer(double duration) {
    this.duration = duration;
  }

  @Override
  public void prepare(Duration timeout) {}

  @Override
  public synchronized void release() {
    releasedAt = System.nanoTime();
    playing = true;
  }

  @Override
  public synchronized void pause() {
    base = position();
    playing = false;
  }

  @Override
  public synchronized void seekTo(double seconds, Duration timeout) {
    base = seconds;
    releasedAt = System.nanoTime();
  }

  @Override
  public synchronized double position() {
    double at = playing ? base + (System.nanoTime() - releasedAt) / 1e9 * rate : base;
    return Math.min(at, duration);
  }

  @Override
  public synchronized void setRate(double newRate) {
    base = position();
    releasedAt = System.nanoTime();
    rate = newRate;
  }

  @Override
  public boolean reachedEnd() {
    return position() >= duration;
  }

  @Override
  public double duration() {
    return duration;
  }

  @Override
  public double frameRate() {
    return 30;
  }

  @Override
  public Capabilities capabilities() {
    return new Capabilities(true, true, 0.001, true, true);
  }

  @Override
  public void ping(Duration deadline) {}

  @Override
  public void stop() {}

  @Override
  public void onUnexpectedExit(java.util.function.Consumer<String> listener) {}
}
