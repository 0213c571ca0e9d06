package dev.wall.player.media;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.Screen;
import dev.wall.core.layout.Size;
import dev.wall.player.nodes.Checksums;
import dev.wall.player.nodes.LocalMachine;
import dev.wall.player.nodes.RemoteNodes;
import dev.wall.player.nodes.Ssh;
import dev.wall.player.players.Board;
import dev.wall.player.players.MediaInfo;
import dev.wall.player.players.MediaProbe;
import dev.wall.player.players.PlayerException;
import dev.wall.player.wire.Probe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What {@code wall media prepare} does, for it and for a running wall's reload: each host's board
 * (given, else the layout's, else asked of the node), the plan of files ({@link TilePlanner}, each
 * source read with ffprobe), and the encodes into the folder with its manifest ({@link
 * MediaPreparer}: what is there whole from the same source and settings is kept). A reload prepares
 * {@link #again} with what the manifest says the last preparation was told.
 */
public final class MediaPreparation {
  /** The pixels of a screen without a {@code window}, unless told. */
  public static final Size FULL_SCREEN = new Size(1920, 1080);

  /** How long a node may take to say what board it is. */
  public static final Duration ASK_DEADLINE = Duration.ofSeconds(30);

  /** Asks nodes what board they are. */
  @FunctionalInterface
  public interface BoardAsker {
    /**
     * @throws BoardUnknown for a node that did not say
     */
    Map<String, Board> ask(Collection<String> hosts) throws BoardUnknown;
  }

  /** A node could not be asked what board it is: which, why, and what to do. */
  public static final class BoardUnknown extends IOException {
    public BoardUnknown(String message) {
      super(message);
    }
  }

  /**
   * The files to make, before any is made.
   *
   * @param jobs every file, screen by screen in rank order
   * @param boards each host's board they are encoded for
   * @param fullScreen the pixels of a screen without a window
   */
  public record Work(
      Path layoutFile,
      Layout layout,
      Path dir,
      List<TileJob> jobs,
      Map<String, Board> boards,
      Size fullScreen) {
    public Work {
      jobs = List.copyOf(jobs);
      boards = Map.copyOf(boards);
    }
  }

  private final Checksums checksums;
  private final BoardAsker asker;

  public MediaPreparation(Checksums checksums, BoardAsker asker) {
    this.checksums = checksums;
    this.asker = asker;
  }

  /** One encode per core of this machine: ffmpeg's encoders use what they get, no more. */
  public static int oneEncodePerCore() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /**
   * The files for {@code layout} in {@code dir}.
   *
   * @param given boards said for hosts (the command line's), ahead of the layout's
   * @throws TilePlanner.Refused for a source that cannot be prepared, naming its place in the file
   * @throws BoardUnknown for a node that could not say what it is
   */
  public Work plan(
      Path layoutFile, Layout layout, Path dir, Map<String, Board> given, Size fullScreen)
      throws TilePlanner.Refused, IOException {
    Map<String, Board> boards = boards(layout, given, asker);
    Path scratch = Files.createTempDirectory("wall-prepare");
    try {
      int[] n = {0};
      List<TileJob> jobs =
          new TilePlanner(
                  layout,
                  boards,
                  fullScreen,
                  source -> probe(source, scratch.resolve("probe-" + n[0]++ + ".json")))
              .plan(layoutFile.toString());
      return new Work(
          layoutFile, layout, dir.toAbsolutePath().normalize(), jobs, boards, fullScreen);
    } finally {
      try (var files = Files.list(scratch)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(scratch);
    }
  }

  /**
   * The files for {@code layout} in {@code dir} as the last preparation there was told: each host's
   * board and the full screen's size as its manifest records them (a host it does not name as
   * {@link #plan} finds it, and a manifest without a size the default).
   */
  public Work again(Path layoutFile, Layout layout, Path dir)
      throws TilePlanner.Refused, IOException {
    Optional<Manifest> last = Manifest.read(dir);
    Map<String, Board> recorded = new LinkedHashMap<>();
    Size fullScreen = FULL_SCREEN;
    if (last.isPresent()) {
      last.get()
          .boards()
          .forEach(
              (host, model) -> {
                if (layout.hosts().contains(host)) {
                  recorded.put(host, new Board(model, 0));
                }
              });
      if (last.get().screenSize() != null) {
        fullScreen = size(last.get().screenSize()).orElse(FULL_SCREEN);
      }
    }
    return plan(layoutFile, layout, dir, recorded, fullScreen);
  }

  /**
   * Makes {@code work}'s files, {@code encoders} at a time.
   *
   * @param playing names of files in the folder a running wall plays, which stay until the next
   *     preparation
   * @throws MediaPreparer.EncodeFailed naming the screen, its host, the source and ffmpeg's words
   */
  public MediaPreparer.Result encode(
      Work work, int encoders, Set<String> playing, MediaPreparer.Progress progress)
      throws IOException, InterruptedException {
    return new MediaPreparer(work.dir(), encoders, checksums)
        .prepare(
            work.layoutFile(),
            work.jobs(),
            work.boards(),
            work.fullScreen().width() + "x" + work.fullScreen().height(),
            playing,
            progress);
  }

  /**
   * A progress that tells {@code say} how many of {@code total} files are ready, in a few words
   * ({@code 1 of 4 files ready, 1 encoded, 1 encoding}), as each starts and ends.
   */
  public static MediaPreparer.Progress counting(int total, Consumer<String> say) {
    return new MediaPreparer.Progress() {
      private int ready;
      private int encoded;
      private int encoding;

      @Override
      public synchronized void started(TileJob job) {
        encoding++;
        tell();
      }

      @Override
      public void frames(TileJob job, int frames) {
        // Files, not frames: a status line that changes once a file.
      }

      @Override
      public synchronized void done(TileJob job, Path file, boolean wasEncoded, double seconds) {
        ready++;
        if (wasEncoded) {
          encoded++;
          encoding--;
        }
        tell();
      }

      private void tell() {
        say.accept(
            ready
                + " of "
                + total
                + " files ready, "
                + encoded
                + " encoded"
                + (encoding > 0 ? ", " + encoding + " encoding" : ""));
      }
    };
  }

  /** The names of the files in {@code dir} that {@code playing}'s screens play. */
  public static Set<String> playedFrom(Layout playing, Path dir) {
    Path folder = dir.toAbsolutePath().normalize();
    Set<String> names = new LinkedHashSet<>();
    for (Screen screen : playing.screens()) {
      for (Path clip : playing.clips(screen)) {
        Path file = clip.toAbsolutePath().normalize();
        if (folder.equals(file.getParent())) {
          names.add(file.getFileName().toString());
        }
      }
    }
    return names;
  }

  /**
   * Each host's board: {@code given}'s, else the layout's for its screens, else asked of the node.
   */
  static Map<String, Board> boards(Layout layout, Map<String, Board> given, BoardAsker asker)
      throws BoardUnknown {
    Map<String, Board> boards = new LinkedHashMap<>(given);
    for (Screen screen : layout.screens()) {
      if (screen.board() != null) {
        boards.putIfAbsent(screen.host(), Board.of(screen.board()));
      }
    }
    List<String> ask = layout.hosts().stream().filter(h -> !boards.containsKey(h)).toList();
    if (!ask.isEmpty()) {
      boards.putAll(asker.ask(ask));
    }
    return boards;
  }

  /** Asks each node over the wall's ssh (this machine in-process), as {@code wall doctor} does. */
  public static BoardAsker overSsh() {
    return hosts -> {
      Map<String, Probe.Request> ask = new LinkedHashMap<>();
      for (String host : hosts) {
        ask.put(
            host,
            new Probe.Request(host, null, false, false, null, List.of(), false, null, null, true));
      }
      LocalMachine local = LocalMachine.detect();
      Map<String, RemoteNodes.Reply> replies =
          RemoteNodes.forThisJvm(local::isThisMachine, Ssh.forThisUser(), List.of())
              .ask(ask, ASK_DEADLINE);
      Map<String, Board> boards = new LinkedHashMap<>();
      for (RemoteNodes.Reply reply : replies.values()) {
        if (!reply.answered()) {
          throw new BoardUnknown(
              reply.host()
                  + ": could not ask what board it is ("
                  + reply.unreached().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                  + (reply.detail() == null ? "" : ": " + reply.detail())
                  + "); check it with wall doctor, or say it in the layout (\"board\": \"pi4\","
                  + " \"pi5\" or \"pc\" on its screens) or with --board "
                  + reply.host()
                  + "=pi4|pi5|pc");
        }
        boards.put(reply.host(), new Board(reply.answer().facts().getOrDefault("model", ""), 0));
      }
      return boards;
    };
  }

  /** {@code WxH} in pixels (2 to 16384 each), if it is that. */
  public static Optional<Size> size(String text) {
    String[] parts = text.toLowerCase(Locale.ROOT).split("x");
    try {
      if (parts.length == 2) {
        int w = Integer.parseInt(parts[0].strip());
        int h = Integer.parseInt(parts[1].strip());
        if (w >= 2 && h >= 2 && w <= 16384 && h <= 16384) {
          return Optional.of(new Size(w, h));
        }
      }
    } catch (NumberFormatException e) {
      // Not a size.
    }
    return Optional.empty();
  }

  private static MediaInfo probe(Path source, Path cache) throws PlayerException {
    if (!Files.isRegularFile(source) || !Files.isReadable(source)) {
      throw new PlayerException(
          source
              + " is missing or cannot be read; put the clip there, or name the right file in the"
              + " layout");
    }
    try {
      return MediaProbe.probe(source, cache);
    } catch (PlayerException e) {
      throw new PlayerException(
          e.getMessage() + "; give a video file that ffprobe reads (re-export it)", e);
    }
  }
}
