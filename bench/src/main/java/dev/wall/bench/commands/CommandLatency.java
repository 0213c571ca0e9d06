package dev.wall.bench.commands;

import dev.wall.bench.analysis.Sample;
import dev.wall.bench.code.TileReading;
import dev.wall.bench.faults.FaultWall;
import dev.wall.bench.report.MarkdownTable;
import dev.wall.bench.wall.Clips;
import dev.wall.player.testing.ClipCache;
import dev.wall.player.wire.ControlCommand;
import dev.wall.player.wire.CtlExchange;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * Show control's latency (issue 25), from pixels: on a 4-screen wall under Xvfb, each command is
 * sent through {@code wall ctl}'s socket, and the screenshots say when every screen changed. For
 * each command: the latency to the first changed frame of the last screen to change (median and
 * worst of N), and how far apart the screens changed (the spread, in ms). The target: at most 250
 * ms, every screen on the same frame.
 *
 * <p>When a screen changed is read from its frame numbers, not from the screenshot's instant alone
 * (they are 113 ms apart): a screen that stops (pause) stopped before the frame after the one it
 * holds was due; one that plays on (resume, goto) started that many frames before the screenshot
 * that shows it playing. Black (blank) and the picture again (unblank) have no frame number: their
 * instant is the first screenshot that shows them, which errs late by up to one screenshot.
 */
public final class CommandLatency {
  private static final double TARGET_MS = 250;
  private static final long SETTLE_NANOS = 700_000_000L;
  private static final long JUDGE_NANOS = 1_500_000_000L;

  /** The triggered clip's frames are numbered from here, far from the show's; it lasts 1 s. */
  private static final int TRIGGER_FIRST_FRAME = dev.wall.bench.wall.Show.OTHER_CLIP_FIRST_FRAME;

  private final Clips clips;
  private final Path dir;
  private final PrintStream out;

  public CommandLatency(Clips clips, Path dir, PrintStream out) {
    this.clips = clips;
    this.dir = dir;
    this.out = out;
  }

  /** One command's figures: latency to the last screen's change, and the screens' spread. */
  record Figures(String command, List<Double> latencyMs, List<Double> spreadMs, int missed) {}

  /** Runs {@code repeats} of each command and prints the table; returns it. */
  public String run(int repeats) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    List<Figures> rows = new ArrayList<>();
    try (FaultWall wall = FaultWall.start(clips, dir, 4, out)) {
      Path socket = wall.runDir().resolve(CtlExchange.SOCKET);
      List<Double> pause = new ArrayList<>();
      List<Double> pauseSpread = new ArrayList<>();
      List<Double> resume = new ArrayList<>();
      List<Double> resumeSpread = new ArrayList<>();
      List<Double> go = new ArrayList<>();
      List<Double> goSpread = new ArrayList<>();
      List<Double> blank = new ArrayList<>();
      List<Double> blankSpread = new ArrayList<>();
      List<Double> unblank = new ArrayList<>();
      List<Double> unblankSpread = new ArrayList<>();
      List<Double> trigger = new ArrayList<>();
      List<Double> triggerSpread = new ArrayList<>();
      int[] missed = new int[6];
      // Named as the cache names it (after what made it), so an older clip is never reused.
      Path made =
          ClipCache.barCoded(
              "trigger", Clips.WIDTH, Clips.HEIGHT, 1, Clips.FPS, 200, TRIGGER_FIRST_FRAME);
      String triggerClip = made.getFileName().toString();
      ClipCache.copy(made, wall.media(), triggerClip);
      for (int i = 0; i < repeats; i++) {
        settle();
        long sent = send(socket, "pause");
        double[] changed = stopped(wall, sent);
        record(changed, sent, pause, pauseSpread, missed, 0);
        settle();
        sent = send(socket, "resume");
        changed = released(wall, sent);
        record(changed, sent, resume, resumeSpread, missed, 1);
        settle();
        sent = send(socket, "goto 1");
        changed = restarted(wall, sent);
        record(changed, sent, go, goSpread, missed, 2);
        settle();
        sent = send(socket, "blank");
        changed = shown(wall, sent, tile -> !tile.isDecoded());
        record(changed, sent, blank, blankSpread, missed, 3);
        settle();
        sent = send(socket, "unblank");
        changed = shown(wall, sent, TileReading::isDecoded);
        record(changed, sent, unblank, unblankSpread, missed, 4);
        settle();
        sent = send(socket, "trigger " + triggerClip);
        changed = triggered(wall, sent);
        record(changed, sent, trigger, triggerSpread, missed, 5);
        wall.say("round " + (i + 1) + " of " + repeats);
      }
      rows.add(new Figures("pause", pause, pauseSpread, missed[0]));
      rows.add(new Figures("resume", resume, resumeSpread, missed[1]));
      rows.add(new Figures("goto 1", go, goSpread, missed[2]));
      rows.add(new Figures("blank", blank, blankSpread, missed[3]));
      rows.add(new Figures("unblank", unblank, unblankSpread, missed[4]));
      rows.add(new Figures("trigger", trigger, triggerSpread, missed[5]));
    }
    String table = table(rows, repeats);
    Files.writeString(dir.resolve("commands.md"), table);
    return table;
  }

  private static void record(
      double[] changed,
      long sent,
      List<Double> latency,
      List<Double> spread,
      int[] missed,
      int which) {
    if (changed == null) {
      missed[which]++;
      return;
    }
    double first = Arrays.stream(changed).min().getAsDouble();
    double last = Arrays.stream(changed).max().getAsDouble();
    latency.add((last - sent) / 1e6);
    spread.add((last - first) / 1e6);
  }

  /** The command through wall ctl's socket; returns when it was sent. */
  private static long send(Path socket, String command) throws IOException {
    ControlCommand parsed = ControlCommand.parse(List.of(command.split(" ")));
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      long sent = System.nanoTime();
      channel.write(
          ByteBuffer.wrap((CtlExchange.request(parsed) + "\n").getBytes(StandardCharsets.UTF_8)));
      String answer =
          new BufferedReader(
                  new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8))
              .readLine();
      if (!CtlExchange.applied(answer)) {
        throw new IOException(command + ": " + answer);
      }
      return sent;
    }
  }

  /**
   * Per screen, when it stopped: the instant the frame after the one it holds was due, from the
   * last screenshot where it still moved. Null when a screen was not seen to stop.
   */
  private static double[] stopped(FaultWall wall, long sent) {
    List<Sample> samples = after(wall, sent);
    int screens = samples.isEmpty() ? 0 : samples.get(0).tiles().size();
    double[] at = new double[screens];
    for (int t = 0; t < screens; t++) {
      at[t] = Double.NaN;
      for (int i = 2; i < samples.size(); i++) {
        TileReading before = samples.get(i - 2).tiles().get(t);
        TileReading held = samples.get(i - 1).tiles().get(t);
        TileReading now = samples.get(i).tiles().get(t);
        if (before.isDecoded()
            && held.isDecoded()
            && now.isDecoded()
            && now.frame() == held.frame()
            && held.frame() != before.frame()) {
          double fps = Clips.FPS;
          at[t] = samples.get(i - 2).nanos() + (held.frame() + 1 - before.frame()) / fps * 1e9;
          at[t] = Math.max(at[t], sent);
          break;
        }
      }
    }
    return complete(at);
  }

  /**
   * Per screen, when it was released (resume): the first screenshot after {@code sent} where it
   * moves on from a frame it held in the two before, back by the frames it played since then. Never
   * before the last screenshot that still showed the held frame. (A screen shown one frame on while
   * paused, to meet the others at the same position, is still held.)
   */
  private static double[] released(FaultWall wall, long sent) {
    List<Sample> samples = after(wall, sent);
    int screens = samples.isEmpty() ? 0 : samples.get(0).tiles().size();
    double[] at = new double[screens];
    for (int t = 0; t < screens; t++) {
      at[t] = Double.NaN;
      for (int i = 2; i < samples.size(); i++) {
        TileReading before = samples.get(i - 2).tiles().get(t);
        TileReading held = samples.get(i - 1).tiles().get(t);
        TileReading now = samples.get(i).tiles().get(t);
        if (samples.get(i).nanos() >= sent
            && before.isDecoded()
            && held.isDecoded()
            && now.isDecoded()
            && before.frame() == held.frame()
            && now.frame() > held.frame()) {
          int played = now.frame() - held.frame() - 1;
          at[t] =
              Math.max(
                  Math.max(sent, samples.get(i - 1).nanos()),
                  samples.get(i).nanos() - played * 1e9 / Clips.FPS);
          break;
        }
      }
    }
    return complete(at);
  }

  /**
   * Per screen, when it started item 1 again (goto 1): from the first screenshot after {@code sent}
   * that shows a frame of its first seconds, back by that many frames to frame 0. This is the
   * release; the first frame, shown paused before it, may come earlier, so this errs late.
   */
  private static double[] restarted(FaultWall wall, long sent) {
    List<Sample> samples = after(wall, sent);
    int screens = samples.isEmpty() ? 0 : samples.get(0).tiles().size();
    double[] at = new double[screens];
    for (int t = 0; t < screens; t++) {
      at[t] = Double.NaN;
      int reference = samples.get(0).tiles().get(t).frame();
      long stillOld = samples.get(0).nanos();
      for (Sample sample : samples) {
        TileReading now = sample.tiles().get(t);
        if (sample.nanos() < sent || !now.isDecoded()) {
          continue;
        }
        if (now.frame() >= reference) {
          stillOld = sample.nanos();
          continue;
        }
        if (now.frame() < 2 * Clips.FPS) {
          at[t] =
              Math.max(Math.max(sent, stillOld), sample.nanos() - now.frame() * 1e9 / Clips.FPS);
          break;
        }
      }
    }
    return complete(at);
  }

  /**
   * Per screen, when it started the triggered clip: from the first screenshot after {@code sent}
   * that shows one of its frames, back by the frames it played since its first. This is the
   * release; its first frame, shown paused before it, may come earlier, so this errs late.
   */
  private static double[] triggered(FaultWall wall, long sent) {
    List<Sample> samples = after(wall, sent);
    int screens = samples.isEmpty() ? 0 : samples.get(0).tiles().size();
    double[] at = new double[screens];
    for (int t = 0; t < screens; t++) {
      at[t] = Double.NaN;
      long stillOld = samples.get(0).nanos();
      for (Sample sample : samples) {
        TileReading now = sample.tiles().get(t);
        if (sample.nanos() < sent || !now.isDecoded()) {
          continue;
        }
        if (now.frame() < TRIGGER_FIRST_FRAME) {
          stillOld = sample.nanos();
          continue;
        }
        at[t] =
            Math.max(
                Math.max(sent, stillOld),
                sample.nanos() - (now.frame() - TRIGGER_FIRST_FRAME) * 1e9 / Clips.FPS);
        break;
      }
    }
    return complete(at);
  }

  /** Per screen, the first screenshot after {@code sent} whose tile {@code seen} accepts. */
  private static double[] shown(FaultWall wall, long sent, Predicate<TileReading> seen) {
    List<Sample> samples = after(wall, sent);
    int screens = samples.isEmpty() ? 0 : samples.get(0).tiles().size();
    double[] at = new double[screens];
    for (int t = 0; t < screens; t++) {
      at[t] = Double.NaN;
      for (Sample sample : samples) {
        if (sample.nanos() >= sent && seen.test(sample.tiles().get(t))) {
          at[t] = sample.nanos();
          break;
        }
      }
    }
    return complete(at);
  }

  /** The screenshots from just before {@code sent} to {@link #JUDGE_NANOS} after it. */
  private static List<Sample> after(FaultWall wall, long sent) {
    long until = sent + JUDGE_NANOS;
    while (System.nanoTime() < until + 300_000_000L) {
      LockSupport.parkNanos(20_000_000L);
    }
    List<Sample> all = wall.samples();
    List<Sample> picked = new ArrayList<>();
    int lastBefore = -1;
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).nanos() < sent) {
        lastBefore = i;
      }
    }
    for (int i = Math.max(0, lastBefore - 1); i < all.size(); i++) {
      if (all.get(i).nanos() <= until) {
        picked.add(all.get(i));
      }
    }
    return picked;
  }

  private static double[] complete(double[] at) {
    return at.length == 0 || Arrays.stream(at).anyMatch(Double::isNaN) ? null : at;
  }

  private static void settle() {
    LockSupport.parkNanos(SETTLE_NANOS);
  }

  static String table(List<Figures> rows, int repeats) {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "Show control latency, 4 screens, %d of each command (target: at most %.0f ms to the"
                + " last screen's first changed frame)%n%n",
            repeats,
            TARGET_MS));
    List<List<String>> cells = new ArrayList<>();
    cells.add(
        List.of(
            "command",
            "latency median (ms)",
            "latency worst (ms)",
            "spread median (ms)",
            "spread worst (ms)",
            "not seen"));
    for (Figures row : rows) {
      cells.add(
          List.of(
              row.command(),
              ms(median(row.latencyMs())),
              ms(max(row.latencyMs())),
              ms(median(row.spreadMs())),
              ms(max(row.spreadMs())),
              String.valueOf(row.missed())));
    }
    text.append(MarkdownTable.render(cells, 1));
    return text.toString();
  }

  private static String ms(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.0f", value);
  }

  private static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return sorted.length % 2 == 1
        ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  }

  private static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }
}
