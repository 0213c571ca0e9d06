package dev.wall.player.players;

import dev.wall.core.layout.PlayerArgsPolicy;
import dev.wall.core.layout.PlayerKind;
import dev.wall.player.display.DisplayStack;
import dev.wall.player.process.ChildProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One kind of player, as the registry ({@code players/registry/Backends}) knows it: its name in the
 * layout, the program it needs, and what it offers. A backend is its own package and one line in
 * that registry. Besides playing ({@link #create}), a backend may offer an early start, a blank
 * screen and thumbnails; the rank and the status page ask for them and do without where a backend
 * has none, so nothing outside its package tests for a particular player.
 */
public interface Backend {
  /** The layout's name for it, its {@code player}. */
  PlayerKind kind();

  /** The program that must be on PATH (or at this path) for it to play on a node. */
  String program();

  /** How to install {@link #program}, for the line that says it is missing. */
  String installHint();

  /** What its players can do, for the sync loop to ask instead of guess. */
  Capabilities capabilities();

  /** Its allow-list for the layout's {@code playerArgs}, read the way its program reads them. */
  PlayerArgsPolicy argsPolicy();

  /**
   * How its player decodes {@code clips} on {@code board}, drawing on {@code stack} ({@code gpu}:
   * whether the stack has a GPU to import frames), and whether that node holds them. By default the
   * player chooses for itself and nothing is warned of.
   */
  default Decoding decoding(
      Board board, DisplayStack.Kind stack, boolean gpu, List<MediaInfo> clips) {
    return Decoding.playersOwn(kind().jsonName());
  }

  /** A player for one screen, not started yet ({@link Player#prepare} starts it). */
  Player create(PlayerSpec spec);

  /**
   * Early start: the screen's player process, started now, before the rank has joined MPI, so its
   * window and first frame come meanwhile; {@link #create(PlayerSpec, EarlyStart)} takes it over.
   * Empty where the backend has no early start, or its program would not start.
   */
  default Optional<EarlyStart> startEarly(PlayerSpec spec) {
    return Optional.empty();
  }

  /** A player for one screen that takes over {@code early}, this backend's early start for it. */
  default Player create(PlayerSpec spec, EarlyStart early) {
    early.process().stop(Duration.ofSeconds(1));
    return create(spec);
  }

  /**
   * Blank screen: black in a screen's place, for a screen that was given up (its player is gone,
   * and what lies beneath is not for visitors). Empty where the backend cannot show one.
   */
  default Optional<BlankScreen> blank(PlayerSpec spec) {
    return Optional.empty();
  }

  /**
   * Thumbnails: saves what {@code screen}'s running player shows now to {@code picture} (JPEG),
   * through the control socket its rank keeps in {@code screensDir}, from another process on the
   * same node (the status page). False where the backend takes none, or no player of it runs there.
   */
  default boolean thumbnail(Path screensDir, String screen, Path picture, Duration deadline) {
    return false;
  }

  /**
   * Runs, without a player, what a rank runs of this backend before its screen is released (its
   * control protocol's code, say), for the ranks' class archive to record; {@code scratch} is a
   * folder of its own to use.
   */
  default void warmUp(Path scratch) {}

  /** A player process started early, and the command line it was started with. */
  record EarlyStart(ChildProcess process) {}

  /** Black in a screen's place until closed. */
  interface BlankScreen extends AutoCloseable {
    long pid();

    @Override
    void close();
  }
}
