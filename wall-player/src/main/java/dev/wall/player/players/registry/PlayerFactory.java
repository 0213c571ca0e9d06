package dev.wall.player.players.registry;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.PlayerKind;
import dev.wall.core.layout.Screen;
import dev.wall.core.layout.UnevenItems;
import dev.wall.player.players.Executables;
import dev.wall.player.players.Player;
import dev.wall.player.players.PlayerSpec;
import dev.wall.player.players.SpanCrop;
import dev.wall.player.players.mpv.MpvPlayer;
import dev.wall.player.players.omxplayer.OmxplayerPlayer;
import dev.wall.player.players.vlc.VlcPlayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Picks and builds one screen's player from the layout's {@code player}. It runs on the node that
 * drives the screen, so {@code auto} sees what is installed there: the first of omxplayer, mpv and
 * VLC whose program is on PATH.
 */
public final class PlayerFactory {
  /** The order {@code auto} tries: omxplayer first, because where it exists it is the only player with hardware decoding on old Pis. */
  static final List<PlayerKind> AUTO_ORDER = List.of(PlayerKind.OMXPLAYER, PlayerKind.MPV, PlayerKind.VLC);

  private PlayerFactory() {}

  /**
   * @param checkMedia refuse at once, naming the file, when the clip is not there (on a node this
   *     is usually an NFS share that is not mounted) instead of waiting for the player to time out
   */
  public static Player create(Layout layout, Screen screen, Path workDir, Map<String, String> environment,
      boolean checkMedia) {
    return create(spec(layout, screen, workDir, environment), layout.player(), checkMedia);
  }

  /** The player for {@code spec}, which {@link #spec} made from the layout. */
  public static Player create(PlayerSpec spec, PlayerKind requested, boolean checkMedia) {
    if (checkMedia) {
      for (Path clip : spec.media()) {
        if (!Files.isReadable(clip)) {
          throw new IllegalStateException(
              "media file " + clip + " is missing or unreadable (is the NFS share mounted?)");
        }
      }
    }
    return create(requested, spec, BackendOptions.DEFAULTS);
  }

  /** @throws IllegalStateException naming the missing program when the player is not installed */
  public static Player create(PlayerKind requested, PlayerSpec spec, BackendOptions options) {
    return switch (choose(requested, options, Executables::installed)) {
      case OMXPLAYER -> new OmxplayerPlayer(spec, options.omxplayer());
      case MPV -> new MpvPlayer(spec, options.mpv());
      case VLC -> new VlcPlayer(spec, options.vlc());
      case AUTO -> throw new AssertionError("choose() never answers auto");
    };
  }

  /** The backend to build: {@code requested} if installed, or for auto the first installed one. */
  public static PlayerKind choose(PlayerKind requested, BackendOptions options, Predicate<String> installed) {
    if (requested != PlayerKind.AUTO) {
      String program = program(requested, options);
      if (!installed.test(program)) {
        throw new IllegalStateException("player " + requested.jsonName() + " is not installed on this node: "
            + program + " is not on PATH; install it (" + installHint(requested)
            + ") or set \"player\" to another player or to \"auto\"");
      }
      return requested;
    }
    for (PlayerKind kind : AUTO_ORDER) {
      if (installed.test(program(kind, options))) {
        return kind;
      }
    }
    throw new IllegalStateException("no video player is installed on this node: none of "
        + String.join(", ", AUTO_ORDER.stream().map(k -> program(k, options)).toList())
        + " is on PATH; install mpv (" + installHint(PlayerKind.MPV) + ")");
  }

  static String program(PlayerKind kind, BackendOptions options) {
    return switch (kind) {
      case OMXPLAYER -> options.omxplayer().executable();
      case MPV -> options.mpv().executable();
      case VLC -> options.vlc().executable();
      case AUTO -> throw new IllegalArgumentException("auto is not a program");
    };
  }

  private static String installHint(PlayerKind kind) {
    return switch (kind) {
      case OMXPLAYER -> "apt-get install omxplayer, Raspberry Pi OS Buster or older only";
      case MPV -> "apt-get install mpv";
      case VLC -> "apt-get install vlc";
      case AUTO -> "";
    };
  }

  public static PlayerSpec spec(Layout layout, Screen screen, Path workDir, Map<String, String> environment) {
    return spec(layout, screen, workDir, environment, false);
  }

  /** @param debug verbose player logs and control transcripts */
  public static PlayerSpec spec(Layout layout, Screen screen, Path workDir, Map<String, String> environment,
      boolean debug) {
    SpanCrop crop = screen.showsSpan() && screen.region() != null && layout.wall() != null
        ? SpanCrop.of(screen.region(), layout.wall()) : null;
    return new PlayerSpec(screen.name(), layout.clips(screen), screen.window(), screen.output(),
        crop, screen.audio(), screen.playerArgs(), workDir, environment,
        layout.unevenItems() == UnevenItems.REFUSE, debug);
  }
}
