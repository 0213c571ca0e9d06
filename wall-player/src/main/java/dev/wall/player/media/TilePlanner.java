package dev.wall.player.media;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.Rect;
import dev.wall.core.layout.Screen;
import dev.wall.core.layout.Size;
import dev.wall.player.players.Board;
import dev.wall.player.players.MediaInfo;
import dev.wall.player.players.PlayerException;
import dev.wall.player.players.SpanCrop;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Works out every file {@code wall media prepare} makes for a layout: for each screen and playlist
 * item, the part of its source it shows (the span's crop is the players' own, {@link SpanCrop}),
 * the size of the screen, the codec its node decodes, and one frame rate and frame count per item
 * for every screen, so the files loop together.
 */
public final class TilePlanner {
  /** Reads a source: its size, rate and length; or says what is wrong with it, and the fix. */
  @FunctionalInterface
  public interface Prober {
    MediaInfo probe(Path source) throws PlayerException;
  }

  /** A source that cannot be prepared: the layout's path to it, and why. */
  public static final class Refused extends Exception {
    public Refused(String message) {
      super(message);
    }
  }

  private final Layout layout;
  private final Map<String, Board> boards;
  private final Size fullScreen;
  private final Prober prober;
  private final Map<Path, MediaInfo> probed = new LinkedHashMap<>();

  /**
   * @param boards each host's board (a host not in it is taken for a PC)
   * @param fullScreen the pixels of a screen that has no {@code window} (it plays full screen)
   */
  public TilePlanner(Layout layout, Map<String, Board> boards, Size fullScreen, Prober prober) {
    this.layout = layout;
    this.boards = Map.copyOf(boards);
    this.fullScreen = fullScreen;
    this.prober = prober;
  }

  /** Every file, screen by screen in rank order, item by item. */
  public List<TileJob> plan(String file) throws Refused {
    List<TileJob> jobs = new ArrayList<>();
    int items = layout.items();
    double[] rates = new double[items];
    int[] frames = new int[items];
    for (int item = 0; item < items; item++) {
      double rate = 0;
      double seconds = 0;
      for (int rank = 0; rank < layout.screens().size(); rank++) {
        MediaInfo info = info(file, rank, item);
        rate = Math.max(rate, info.frameRateOr(30));
        seconds = Math.max(seconds, info.duration());
      }
      rates[item] = rate;
      frames[item] = Math.max(1, (int) Math.round(seconds * rate));
    }
    for (int rank = 0; rank < layout.screens().size(); rank++) {
      Screen screen = layout.screen(rank);
      Board board = boards.getOrDefault(screen.host(), new Board("", 0));
      for (int item = 0; item < items; item++) {
        MediaInfo info = info(file, rank, item);
        Rect crop = null;
        int width;
        int height;
        Size screenPixels =
            screen.window() == null
                ? fullScreen
                : new Size(screen.window().width(), screen.window().height());
        if (screen.showsSpan()) {
          crop = SpanCrop.of(screen.region(), layout.wall()).inPixels(info.width(), info.height());
          width = screenPixels.width();
          height = screenPixels.height();
        } else {
          // A screen's own clip is scaled only when it is larger than the screen.
          double scale =
              Math.min(
                  1.0,
                  Math.min(
                      (double) screenPixels.width() / info.width(),
                      (double) screenPixels.height() / info.height()));
          width = (int) Math.round(info.width() * scale);
          height = (int) Math.round(info.height() * scale);
        }
        VideoCodec codec = VideoCodec.forBoard(board, even(width), even(height));
        if (codec == VideoCodec.HEVC && !VideoCodec.fitsHevcBlock(width, height)) {
          double scale =
              Math.min(
                  (double) VideoCodec.HEVC_MAX_WIDTH / width,
                  (double) VideoCodec.HEVC_MAX_HEIGHT / height);
          width = (int) Math.floor(width * scale);
          height = (int) Math.floor(height * scale);
        }
        List<Path> clips = layout.clips(screen);
        jobs.add(
            new TileJob(
                screen.name(),
                rank,
                screen.host(),
                item,
                layout.playlist(screen).get(item),
                clips.get(item),
                crop,
                even(width),
                even(height),
                codec,
                rates[item],
                frames[item],
                screen.hasAudio(),
                shape(layout, rank, item)));
      }
    }
    return jobs;
  }

  /**
   * What of the layout decides screen {@code rank}'s item {@code item}: which source, where the
   * screen sits and how large it is, its node and its sound. A prepared file whose shape differs
   * from the layout's now was made for another layout.
   */
  public static String shape(Layout layout, int rank, int item) {
    Screen screen = layout.screen(rank);
    return String.join(
        " ",
        "source=" + layout.playlist(screen).get(item),
        "span=" + screen.showsSpan(),
        "region=" + (screen.showsSpan() ? geometry(screen.region()) : "-"),
        "wall="
            + (screen.showsSpan() && layout.wall() != null
                ? layout.wall().width() + "x" + layout.wall().height()
                : "-"),
        "window=" + geometry(screen.window()),
        "host=" + screen.host(),
        "audio=" + screen.hasAudio(),
        "items=" + layout.items());
  }

  private static String geometry(Rect rect) {
    return rect == null ? "-" : rect.geometry();
  }

  private MediaInfo info(String file, int rank, int item) throws Refused {
    Screen screen = layout.screen(rank);
    Path source = layout.clips(screen).get(item);
    MediaInfo known = probed.get(source);
    if (known != null) {
      return known;
    }
    String where =
        file
            + ": "
            + (screen.showsSpan() ? "span.media" : "screens[" + rank + "].media")
            + (layout.items() > 1 ? "[" + item + "]" : "")
            + ": ";
    MediaInfo info;
    try {
      info = prober.probe(source);
    } catch (PlayerException e) {
      throw new Refused(where + e.getMessage());
    }
    if (info.width() < 2 || info.height() < 2 || info.duration() <= 0) {
      throw new Refused(
          where
              + source
              + " has no picture or no length ffprobe can read ("
              + info.width()
              + "x"
              + info.height()
              + ", "
              + info.duration()
              + " s); re-export it as a plain video file");
    }
    probed.put(source, info);
    return info;
  }

  /** yuv420p needs even sizes. */
  private static int even(int pixels) {
    return Math.max(2, pixels - pixels % 2);
  }
}
