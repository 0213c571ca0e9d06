package dev.wall.player.players.registry;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.PlayerKind;
import dev.wall.core.layout.Screen;
import dev.wall.core.layout.UnevenItems;
import dev.wall.player.display.DisplayStack;
import dev.wall.player.players.Backend;
import dev.wall.player.players.Board;
import dev.wall.player.players.Decoding;
import dev.wall.player.players.Executables;
import dev.wall.player.players.MediaInfo;
import dev.wall.player.players.PlayerSpec;
import dev.wall.player.players.SpanCrop;
import dev.wall.player.players.mpv.MpvBackend;
import dev.wall.player.players.omxplayer.OmxplayerBackend;
import dev.wall.player.players.vlc.VlcBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Every backend, and how one screen's is picked and built from the layout's {@code player}. It runs
 * on the node that drives the screen, so {@code auto} sees what is installed there: the first
 * backend of {@link #ALL} whose program is on PATH.
 */
public final class Backends {
  /**
   * Every backend, one line each, in the order {@code auto} tries them: omxplayer first, because
   * where it exists it is the only player with hardware decoding on old Pis.
   */
  public static final Backends ALL =
      new Backends(List.of(new OmxplayerBackend(), new MpvBackend(), new VlcBackend()));

  private final List<Backend> backends;

  /** A registry of these backends, in {@code auto}'s order (a test registers its own). */
  public Backends(List<Backend> backends) {
    this.backends = List.copyOf(backends);
  }

  public List<Backend> all() {
    return backends;
  }

  /** The backend named {@code kind}. */
  public Backend named(PlayerKind kind) {
    return backends.stream()
        .filter(b -> b.kind() == kind)
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("no backend is registered for " + kind.jsonName()));
  }

  /**
   * @param checkMedia refuse at once, naming the file, when the clip is not there (on a node this
   *     is usually an NFS share that is not mounted) instead of waiting for the player to time out
   */
  public static void checkMedia(PlayerSpec spec) {
    for (Path clip : spec.media()) {
      if (!Files.isReadable(clip)) {
        throw new IllegalStateException(
            "media file " + clip + " is missing or unreadable (is the NFS share mounted?)");
      }
    }
  }

  /**
   * The backend to build on this node: {@code requested} if installed, or for auto the first
   * installed one.
   */
  public Backend choose(PlayerKind requested) {
    return choose(requested, Executables::installed);
  }

  /**
   * @throws IllegalStateException naming the missing program when the player is not installed
   */
  public Backend choose(PlayerKind requested, Predicate<String> installed) {
    if (requested != PlayerKind.AUTO) {
      Backend backend = named(requested);
      if (!installed.test(backend.program())) {
        throw new IllegalStateException(
            "player "
                + requested.jsonName()
                + " is not installed on this node: "
                + backend.program()
                + " is not on PATH; install it ("
                + backend.installHint()
                + ") or set \"player\" to another player or to \"auto\"");
      }
      return backend;
    }
    for (Backend backend : backends) {
      if (installed.test(backend.program())) {
        return backend;
      }
    }
    Backend suggested =
        backends.stream()
            .filter(b -> b.kind() == PlayerKind.MPV)
            .findFirst()
            .orElse(backends.get(0));
    throw new IllegalStateException(
        "no video player is installed on this node: none of "
            + String.join(", ", backends.stream().map(Backend::program).toList())
            + " is on PATH; install "
            + suggested.kind().jsonName()
            + " ("
            + suggested.installHint()
            + ")");
  }

  /**
   * How {@code kind}'s player decodes {@code clips} on {@code board} ({@link Backend#decoding}).
   * For {@code auto}, mpv's: on a Pi 4 or 5 (current Pi OS) auto finds mpv, since omxplayer exists
   * only on legacy Pi OS, which those boards do not run.
   */
  public Decoding decoding(
      PlayerKind kind, Board board, DisplayStack.Kind stack, boolean gpu, List<MediaInfo> clips) {
    return named(kind == PlayerKind.AUTO ? PlayerKind.MPV : kind)
        .decoding(board, stack, gpu, clips);
  }

  /** Black in {@code spec}'s screen's place, by the first installed backend that can show it. */
  public Optional<Backend.BlankScreen> blank(PlayerSpec spec) {
    for (Backend backend : backends) {
      if (Executables.installed(backend.program())) {
        Optional<Backend.BlankScreen> black = backend.blank(spec);
        if (black.isPresent()) {
          return black;
        }
      }
    }
    return Optional.empty();
  }

  /** A picture of what {@code screen} shows now, by whichever backend's player runs it here. */
  public boolean thumbnail(Path screensDir, String screen, Path picture, Duration deadline) {
    return backends.stream().anyMatch(b -> b.thumbnail(screensDir, screen, picture, deadline));
  }

  /** This screen's player spec, from the layout. */
  public static PlayerSpec spec(
      Layout layout, Screen screen, Path workDir, Map<String, String> environment) {
    return spec(layout, screen, workDir, environment, false);
  }

  /**
   * @param debug verbose player logs and control transcripts
   */
  public static PlayerSpec spec(
      Layout layout, Screen screen, Path workDir, Map<String, String> environment, boolean debug) {
    SpanCrop crop =
        screen.showsSpan() && screen.region() != null && layout.wall() != null
            ? SpanCrop.of(screen.region(), layout.wall())
            : null;
    return new PlayerSpec(
        screen.name(),
        layout.clips(screen),
        screen.window(),
        screen.output(),
        crop,
        screen.audio(),
        screen.playerArgs(),
        workDir,
        environment,
        layout.unevenItems() == UnevenItems.REFUSE,
        debug);
  }
}
