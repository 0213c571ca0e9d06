package dev.wall.player.status;

import java.util.Optional;

/** Where the status page reads the wall from: the running controller, or a test. */
public interface StatusSource {
  StatusView now();

  /**
   * A recent picture of screen {@code rank}, taken by its player, as JPEG bytes; empty when its
   * player cannot take one (or the screen is off).
   */
  Optional<byte[]> thumbnail(int rank);
}
