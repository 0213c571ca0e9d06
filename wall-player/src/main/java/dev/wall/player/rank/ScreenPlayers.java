package dev.wall.player.rank;

import dev.wall.core.layout.PlayerKind;
import dev.wall.player.players.Backend;
import dev.wall.player.players.Player;
import dev.wall.player.players.PlayerSpec;
import dev.wall.player.players.registry.Backends;
import java.time.Duration;
import java.util.Optional;

/**
 * Where a rank gets its screen's players: from this node's backend for the layout's {@code player},
 * asking it for what it offers rather than knowing which it is. The first player takes over the
 * backend's early start when it has one; a failed one is replaced by a new one; a screen given up
 * shows black where some installed backend can show it.
 */
final class ScreenPlayers {
  private static final Duration EARLY_STOP_GRACE = Duration.ofSeconds(1);

  private final Backends backends;
  private PlayerSpec spec;
  private final PlayerKind requested;
  private Backend.EarlyStart early;

  ScreenPlayers(Backends backends, PlayerSpec spec, PlayerKind requested) {
    this.backends = backends;
    this.spec = spec;
    this.requested = requested;
  }

  /**
   * Starts the screen's player process now, where this node's backend offers an early start; else
   * nothing happens until {@link #create}. Returns at once.
   */
  synchronized void startEarly() {
    try {
      early = backends.choose(requested).startEarly(spec).orElse(null);
    } catch (IllegalStateException e) {
      // No player installed here: create() says so.
    }
  }

  /** True while an early start waits to be taken over. */
  synchronized boolean startedEarly() {
    return early != null;
  }

  /**
   * A new player for the screen, not prepared yet; the first takes over the early start.
   *
   * @throws IllegalStateException naming the clip that is missing, or the player not installed
   */
  synchronized Player create() {
    Backend.EarlyStart started = early;
    early = null;
    try {
      Backends.checkMedia(spec);
      Backend backend = backends.choose(requested);
      return started == null ? backend.create(spec) : backend.create(spec, started);
    } catch (RuntimeException e) {
      if (started != null) {
        started.process().stop(EARLY_STOP_GRACE);
      }
      throw e;
    }
  }

  /** New players play {@code next} from now on: a reload the wall switched to. */
  synchronized void respec(PlayerSpec next) {
    spec = next;
  }

  /**
   * What keeps this node from playing {@code next}'s clips, or null: a clip missing, or one that
   * its storage does not give within {@code within}.
   */
  static String problem(PlayerSpec next, Duration within) {
    try {
      Backends.checkMedia(next);
    } catch (RuntimeException e) {
      return e.getMessage();
    }
    for (java.nio.file.Path clip : next.media()) {
      Optional<String> unreadable = dev.wall.player.players.MediaReach.problem(clip, within);
      if (unreadable.isPresent()) {
        return unreadable.get();
      }
    }
    return null;
  }

  /** Black in the screen's place, or null where no installed backend can show it. */
  AutoCloseable blank() {
    Optional<Backend.BlankScreen> black = backends.blank(spec);
    return black.orElse(null);
  }
}
