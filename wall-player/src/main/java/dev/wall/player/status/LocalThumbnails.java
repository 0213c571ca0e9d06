package dev.wall.player.status;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.Screen;
import dev.wall.player.nodes.LocalMachine;
import dev.wall.player.plan.ShowPlan;
import dev.wall.player.players.registry.Backends;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Thumbnails for the status page, taken by the screen's own player: mpv's {@code
 * screenshot-to-file} through its IPC socket, for the screens of this machine. A picture is at most
 * {@link #FRESH} old, so a page reloaded by many browsers costs the player one screenshot. Screens
 * on other nodes have none yet (their sockets are on their own machines).
 */
public final class LocalThumbnails implements IntFunction<Optional<byte[]>> {
  static final Duration FRESH = Duration.ofSeconds(2);
  static final Duration DEADLINE = Duration.ofSeconds(3);

  private record Taken(long at, byte[] jpeg) {}

  private final Layout layout;
  private final LocalMachine local;
  private final Path runDir;
  private final Map<Integer, Taken> recent = new HashMap<>();

  public LocalThumbnails(Layout layout, LocalMachine local, Path runDir) {
    this.layout = layout;
    this.local = local;
    this.runDir = runDir;
  }

  @Override
  public synchronized Optional<byte[]> apply(int rank) {
    if (rank < 0 || rank >= layout.screens().size()) {
      return Optional.empty();
    }
    Taken last = recent.get(rank);
    if (last != null && System.nanoTime() - last.at() < FRESH.toNanos()) {
      return Optional.of(last.jpeg());
    }
    Screen screen = layout.screen(rank);
    if (!local.isThisMachine(screen.host())) {
      return Optional.empty();
    }
    try {
      Path dir = Files.createDirectories(runDir.resolve("thumbnails"));
      Path picture = dir.resolve(screen.name() + ".jpg");
      Files.deleteIfExists(picture);
      if (!Backends.ALL.thumbnail(ShowPlan.screensDir(runDir), screen.name(), picture, DEADLINE)) {
        return Optional.empty();
      }
      byte[] jpeg = Files.readAllBytes(picture);
      recent.put(rank, new Taken(System.nanoTime(), jpeg));
      return Optional.of(jpeg);
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
