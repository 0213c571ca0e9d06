package dev.wall.player.rank;

import dev.wall.player.players.Player;
import dev.wall.player.players.PlayerException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A player being started and prerolled on its own thread, so that its start-up (process, window,
 * first frame) overlaps the rank's MPI start-up instead of following it.
 */
public final class PlayerStart {
  private final CompletableFuture<Player> prepared;
  private volatile Consumer<String> exitListener;
  private volatile String exitedEarly;

  private PlayerStart(CompletableFuture<Player> prepared) {
    this.prepared = prepared;
  }

  /** Creates the player and prepares it in the background; a failure is kept for {@link #await}. */
  public static PlayerStart begin(Supplier<Player> create, Duration timeout) {
    CompletableFuture<Player> future = new CompletableFuture<>();
    PlayerStart start = new PlayerStart(future);
    Thread thread =
        new Thread(
            () -> {
              Player player = null;
              try {
                player = create.get();
                player.onUnexpectedExit(start::exited);
                player.prepare(timeout);
                future.complete(player);
              } catch (PlayerException | RuntimeException e) {
                if (player != null) {
                  player.stop();
                }
                future.completeExceptionally(e);
              }
            },
            "player-start");
    thread.setDaemon(true);
    thread.start();
    return start;
  }

  /**
   * The prepared player; its unexpected exit, even one during start-up, reaches {@code listener}.
   */
  public Player await(Duration timeout, Consumer<String> listener) throws PlayerException {
    exitListener = listener;
    if (exitedEarly != null) {
      listener.accept(exitedEarly);
    }
    try {
      return prepared.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof PlayerException p ? p : new PlayerException(cause.getMessage(), cause);
    } catch (TimeoutException e) {
      throw new PlayerException("the player was not ready within " + timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlayerException("interrupted while the player started", e);
    }
  }

  private synchronized void exited(String message) {
    Consumer<String> listener = exitListener;
    if (listener == null) {
      exitedEarly = message;
    } else {
      listener.accept(message);
    }
  }
}
