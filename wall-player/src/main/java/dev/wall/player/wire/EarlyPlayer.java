package dev.wall.player.wire;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.PlayerKind;
import dev.wall.player.backend.BackendOptions;
import dev.wall.player.backend.Executables;
import dev.wall.player.backend.PlayerFactory;
import dev.wall.player.backend.PlayerSpec;
import dev.wall.player.backend.mpv.MpvPlayer;
import dev.wall.player.process.ChildProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A screen's mpv command line, worked out by the controller from the layout it has validated and
 * handed to that screen's rank, which starts it before anything else. Reading and validating the
 * layout is most of a rank's own start-up (Jackson alone is about 0.2 s of CPU, four times over on
 * a 4-screen node); started first, mpv opens its window and decodes frame 0 meanwhile. The rank
 * still builds the player from the layout, and the player takes this process over only when its
 * own command line is the same; otherwise it stops it and starts its own.
 *
 * @param requested the layout's {@code player}: with {@code auto} the node may pick omxplayer
 * @param argv mpv's command line
 * @param log where mpv's output goes
 */
public record EarlyPlayer(PlayerKind requested, List<String> argv, Path log) {
  public EarlyPlayer {
    argv = List.copyOf(argv);
  }

  /** For screen {@code index}, when the layout's player can be mpv; the rank's own inputs. */
  /** The early player of screen {@code index}, for a rank that will be sent {@code display}: it draws where that says. */
  public static Optional<EarlyPlayer> forScreen(
      Layout layout, int index, Path runDir, DisplaySettings display, boolean debug) {
    if (layout.player() != PlayerKind.MPV && layout.player() != PlayerKind.AUTO) {
      return Optional.empty();
    }
    PlayerSpec spec = PlayerFactory.spec(layout, layout.screen(index), screensDir(runDir), display.variables(), debug);
    try {
      return Optional.of(new EarlyPlayer(layout.player(), MpvPlayer.argv(spec), spec.log()));
    } catch (IllegalArgumentException e) {
      // A window where this display stack places none: no early start; the rank's player says why.
      return Optional.empty();
    }
  }

  /**
   * The same player keeping its socket and logs in {@code to} instead of {@code from}: for a rank
   * whose run folder on its node is not the one the controller named (which cannot be made there,
   * as the autostart unit's /run/wall on a node without the unit). Only a path that starts an
   * argument, or an option's value, and lies in {@code from} is moved.
   */
  public EarlyPlayer movedTo(Path from, Path to) {
    String old = from + "/";
    String now = to + "/";
    List<String> moved = argv.stream().map(arg -> {
      int value = arg.startsWith("--") ? arg.indexOf('=') + 1 : 0;
      return arg.startsWith(old, value) ? arg.substring(0, value) + now + arg.substring(value + old.length()) : arg;
    }).toList();
    return new EarlyPlayer(requested, moved, log.startsWith(from) ? to.resolve(from.relativize(log)) : log);
  }

  /** Where every rank keeps its player's socket and logs. */
  public static Path screensDir(Path runDir) {
    return runDir.resolve("screens");
  }

  /**
   * Starts mpv if this node would pick it, with its lifeline and {@code environment} (where it
   * draws) over the rank's own; empty if it would not, or if it could not start (the player then
   * starts its own and reports why).
   */
  public Optional<ChildProcess> start(Map<String, String> environment) {
    PlayerKind chosen;
    try {
      chosen = PlayerFactory.choose(requested, BackendOptions.DEFAULTS, Executables::installed);
    } catch (IllegalStateException e) {
      return Optional.empty();
    }
    if (chosen != PlayerKind.MPV) {
      return Optional.empty();
    }
    try {
      return Optional.of(MpvPlayer.start("mpv (early)", argv, log, environment, environment.get("DISPLAY")));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** As a rank option's values: the player, the log, the count of arguments, the arguments. */
  List<String> args() {
    List<String> args = new java.util.ArrayList<>(List.of(requested.name(), log.toString(), String.valueOf(argv.size())));
    args.addAll(argv);
    return args;
  }

  /** Reads {@link #args} from {@code args} at {@code from}; returns it and where the next option starts. */
  static Parsed parse(String[] args, int from) {
    if (from + 3 > args.length) {
      throw new IllegalArgumentException("rank option --early-player needs a player, a log and a count");
    }
    PlayerKind kind = PlayerKind.valueOf(args[from]);
    Path log = Path.of(args[from + 1]);
    int count = Integer.parseInt(args[from + 2]);
    if (count < 1 || from + 3 + count > args.length) {
      throw new IllegalArgumentException("rank option --early-player has " + count + " arguments, not that many");
    }
    List<String> argv = List.of(args).subList(from + 3, from + 3 + count);
    return new Parsed(new EarlyPlayer(kind, argv, log), from + 3 + count);
  }

  record Parsed(EarlyPlayer player, int next) {}
}
