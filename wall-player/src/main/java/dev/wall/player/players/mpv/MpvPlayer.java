package dev.wall.player.players.mpv;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wall.player.display.DisplayStack;
import dev.wall.player.players.Board;
import dev.wall.player.players.Capabilities;
import dev.wall.player.players.Decoding;
import dev.wall.player.players.MediaInfo;
import dev.wall.player.players.MediaProbe;
import dev.wall.player.players.MediaReach;
import dev.wall.player.players.Player;
import dev.wall.player.players.PlayerException;
import dev.wall.player.players.PlayerMessages;
import dev.wall.player.players.PlayerSpec;
import dev.wall.player.players.SpanCrop;
import dev.wall.player.process.ChildProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * mpv, driven over its JSON IPC socket. Frame-exact seeks, rate trimming, position from time-pos. A
 * playlist of equal items plays as one EDL timeline (one step); one of uneven items plays item by
 * item, each held on its last frame until the wall moves it on ({@link MpvOptions.ItemLoad}).
 */
public final class MpvPlayer implements Player {
  static final Capabilities CAPABILITIES =
      new Capabilities(
          true, true, 0.001, true, true, true, Capabilities.ItemSwitch.HOLDS_LAST_FRAME);

  /** A player that answers nothing this long is hung (the rank then replaces it). */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

  private static final Duration STOP_GRACE = Duration.ofSeconds(1);
  private static final Duration DEATH_GRACE = Duration.ofMillis(200);

  /** What it plays; a reload ({@link #switchTo}) replaces it with one of other clips. */
  private PlayerSpec spec;

  private final MpvOptions options;
  private final Path socket;
  private ChildProcess process;
  private MpvIpc ipc;
  private volatile Consumer<String> exitListener = message -> {};
  private volatile boolean playing;
  private volatile double rate = 1.0;
  private double frameSeconds = 1 / 30.0;
  private double durationSeconds;
  private final FrameClock clock = new FrameClock();
  private List<Double> itemStarts = List.of(0.0);
  private int step;

  /** Idle this long while it should be loading: mpv could not open the file. */
  private static final long IDLE_MEANS_FAILED =
      java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(200);

  /** end-file events that ended an earlier item, not a failure to load this one. */
  private long endedBefore;

  private ChildProcess early;

  public MpvPlayer(PlayerSpec spec, MpvOptions options) {
    this.spec = spec;
    this.options = options;
    this.socket = socketFor(spec);
  }

  private static Path socketFor(PlayerSpec spec) {
    return socketIn(spec.workDir(), spec.screenName());
  }

  /**
   * Starts mpv for {@code spec} with its lifeline, after clearing a stale socket: the one way an
   * mpv player of ours is started, by the player or, earlier, by its backend's early start.
   *
   * @throws IllegalArgumentException for a window the display stack cannot place
   */
  static ChildProcess startFor(PlayerSpec spec, MpvOptions options, String labelPrefix)
      throws IOException {
    DisplayStack stack = DisplayStack.forPlayer(spec.environment());
    List<String> argv =
        MpvCommandLine.argv(
            spec, options, socketFor(spec), stack, decodingHere(spec, options, stack));
    return start(
        labelPrefix + spec.screenName(),
        argv,
        spec.log(),
        spec.environment(),
        System.getenv("DISPLAY"));
  }

  /**
   * mpv's command line for {@code spec} with the default options, as {@link #prepare} starts it.
   */
  static List<String> argv(PlayerSpec spec) {
    DisplayStack stack = DisplayStack.forPlayer(spec.environment());
    return MpvCommandLine.argv(
        spec,
        MpvOptions.DEFAULTS,
        socketFor(spec),
        stack,
        decodingHere(spec, MpvOptions.DEFAULTS, stack));
  }

  /**
   * How {@code spec}'s clips are decoded on this node ({@link MpvDecoding}): a Pi's board and
   * release decide, with each clip's codec and size, which ffprobe reads once (kept beside the
   * screen's log, as the other backends keep it). Off a Pi nothing is probed: mpv's default stands.
   * Null when the backend's options name a decoder.
   */
  private static Decoding decodingHere(PlayerSpec spec, MpvOptions options, DisplayStack stack) {
    if (options.hwdec() != null) {
      return null;
    }
    Board board = Board.here();
    if (board.soc() == Board.Soc.OTHER) {
      return MpvDecoding.of(board, stack.kind(), stack.gpu(), List.of());
    }
    List<MediaInfo> clips = new ArrayList<>();
    for (int i = 0; i < spec.media().size(); i++) {
      try {
        Files.createDirectories(spec.workDir());
        clips.add(
            MediaProbe.probe(
                spec.media().get(i),
                spec.workDir().resolve(spec.screenName() + ".clip" + i + ".ffprobe.json")));
      } catch (PlayerException | IOException e) {
        // Not probed: decided without it (HEVC in hardware, the rest in software); the player
        // says why it fails, if it does.
      }
    }
    return MpvDecoding.of(board, stack.kind(), stack.gpu(), clips);
  }

  /**
   * Starts mpv from {@code argv} with its lifeline, after clearing a stale socket.
   *
   * @param extra environment beyond the inherited one
   * @param display the inherited DISPLAY, or null
   */
  static ChildProcess start(
      String label, List<String> argv, Path log, Map<String, String> extra, String display)
      throws IOException {
    Path socket = MpvCommandLine.socketIn(argv);
    Files.createDirectories(socket.getParent());
    Files.deleteIfExists(socket);
    Map<String, String> reach = DisplayStack.forPlayer(extra).playerEnvironment(extra);
    return ChildProcess.startWithLifeline(
        label, argv, log, MpvCommandLine.environment(argv, reach, display));
  }

  /**
   * An mpv holding a black window in {@code spec}'s screen's place (see {@link
   * MpvCommandLine#blankArgv}).
   */
  public static ChildProcess startBlank(PlayerSpec spec) throws IOException {
    DisplayStack stack = DisplayStack.forPlayer(spec.environment());
    List<String> argv = MpvCommandLine.blankArgv(spec, MpvOptions.DEFAULTS, stack);
    return ChildProcess.startWithLifeline(
        "mpv black " + spec.screenName(),
        argv,
        spec.workDir().resolve(spec.screenName() + ".black.log"),
        MpvCommandLine.environment(
            argv, stack.playerEnvironment(spec.environment()), System.getenv("DISPLAY")));
  }

  /**
   * Runs the IPC code a rank runs before its screen is released, without an mpv, for a class-data
   * archive to record (see RankWarmUp): the JSON of a request and its replies, and a connection
   * attempt, which sets up Java's Unix domain sockets.
   */
  public static void warmUp(Path absentSocket) {
    try {
      MpvJson.request(1, "seek", 0.0, "absolute+exact");
      MpvJson.parse("{\"data\":12.5,\"request_id\":1,\"error\":\"success\"}");
      MpvJson.parse("{\"event\":\"property-change\",\"id\":2,\"name\":\"time-pos\",\"data\":null}");
      Files.deleteIfExists(absentSocket);
      MpvIpc.connect(absentSocket, "warm-up").close();
    } catch (IOException expected) {
      // Nothing listens there; connecting was the point.
    }
  }

  /**
   * An mpv its backend started early for this very spec ({@link MpvBackend#startEarly}): taken over
   * by {@link #prepare} while it runs.
   */
  void adopt(ChildProcess started) {
    this.early = started;
  }

  @Override
  public void prepare(Duration timeout) throws PlayerException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      try {
        process = takeOverOrStart();
      } catch (IllegalArgumentException e) {
        throw new PlayerException(e.getMessage());
      }
      process.onExit().thenAccept(this::exited);
      ipc = connect(deadline);
      ipc.onPropertyChange(this::propertyChanged);
      ipc.command(REQUEST_TIMEOUT, "observe_property", 1, "eof-reached");
      ipc.command(REQUEST_TIMEOUT, "observe_property", 2, "time-pos");
      // Pushed by mpv as they change: the decoder's own drops and the output's late frames.
      ipc.command(REQUEST_TIMEOUT, "observe_property", 3, "decoder-frame-drop-count");
      ipc.command(REQUEST_TIMEOUT, "observe_property", 4, "frame-drop-count");
      awaitLoaded(deadline);
      frameSeconds = 1 / queryFrameRate();
      itemStarts = queryItemStarts();
      durationSeconds = call("get_property", "duration").asDouble();
    } catch (IOException | TimeoutException e) {
      throw failure("did not come up", e);
    }
  }

  @Override
  public int steps() {
    return spec.items() > 1 && !spec.oneTimeline() ? spec.items() : 1;
  }

  /**
   * The first frame of item {@code next}, paused; the last frame of the one before stays meanwhile.
   */
  @Override
  public void showStep(int next, Duration timeout) throws PlayerException {
    if (steps() == 1 || next == step) {
      seekTo(0, timeout);
      return;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    moves.incrementAndGet();
    playing = false;
    if (options.itemLoad() == MpvOptions.ItemLoad.PRELOADED) {
      loadAndAwait(timeout, "load item " + (next + 1), "playlist-play-index", next);
    } else {
      loadAndAwait(
          timeout,
          "load " + spec.media().get(next),
          "loadfile",
          spec.media().get(next).toString(),
          "replace");
    }
    step = next;
    awaitLoaded(deadline);
    durationSeconds = call("get_property", "duration").asDouble();
  }

  /**
   * The triggered clip replaces the show in mpv's playlist, with its own filters as a per-file
   * option, which mpv puts back by itself when the clip is replaced: the show's crop is untouched
   * beneath, and a blank stays, as the video output's.
   */
  @Override
  public void showClip(Path clip, SpanCrop crop, Duration timeout) throws PlayerException {
    List<String> filters = new ArrayList<>();
    if (crop != null) {
      filters.add(MpvCommandLine.cropFilter(crop));
    }
    String chain = String.join(",", filters);
    moves.incrementAndGet();
    playing = false;
    triggered = clip;
    // Its first frame shown is the moment that counts (show control's latency): no seek after.
    loadAndAwait(
        "playback-restart",
        timeout,
        "show " + clip,
        "loadfile",
        clip.toString(),
        "replace",
        // %LENGTH% quotes the value, so that its commas are not read as more options.
        "vf=%" + chain.getBytes(StandardCharsets.UTF_8).length + "%" + chain);
    durationSeconds = call("get_property", "duration").asDouble();
  }

  /**
   * The show's entries are put back in mpv's playlist after the triggered clip, the one for {@code
   * step} played, and the clip's entry removed: the playlist is as {@link #prepare} left it.
   */
  @Override
  public void backToShow(int next, Duration timeout) throws PlayerException {
    loadShow(steps() > 1 ? next : 0, timeout);
  }

  @Override
  public boolean takesNewClips() {
    return true;
  }

  /** The new show's entries replace the old in mpv's playlist, as {@link #backToShow} does. */
  @Override
  public void switchTo(PlayerSpec next, Duration timeout) throws PlayerException {
    spec = next;
    loadShow(0, timeout);
    frameSeconds = 1 / queryFrameRate();
    itemStarts = queryItemStarts();
  }

  /**
   * Puts the show's entries in mpv's playlist after the one playing, plays entry {@code index} of
   * them held on its first frame, and removes the one that played: what it showed stays until then.
   */
  private void loadShow(int index, Duration timeout) throws PlayerException {
    long deadline = System.nanoTime() + timeout.toNanos();
    moves.incrementAndGet();
    playing = false;
    call("playlist-clear");
    for (String entry : MpvCommandLine.media(spec)) {
      call("loadfile", entry, "append");
    }
    triggered = null;
    loadAndAwait(timeout, "load " + clipNames(), "playlist-play-index", index + 1);
    call("playlist-remove", 0);
    step = index;
    awaitLoaded(deadline);
    durationSeconds = call("get_property", "duration").asDouble();
  }

  /** Sends a command that opens another file, and returns once mpv has loaded it. */
  private void loadAndAwait(Duration timeout, String what, Object... command)
      throws PlayerException {
    loadAndAwait("file-loaded", timeout, what, command);
  }

  /**
   * Sends a command that opens another file, and returns at mpv's {@code until} event after it:
   * {@code file-loaded}, or {@code playback-restart} when its first frame is shown.
   */
  private void loadAndAwait(String until, Duration timeout, String what, Object... command)
      throws PlayerException {
    try {
      long replied = ipc.commandPlace(REQUEST_TIMEOUT, command);
      if (!ipc.awaitEventAfter("file-loaded", replied, timeout)
          || !ipc.awaitEventAfter(until, replied, timeout)) {
        throw new PlayerException(spec.screenName() + ": mpv could not " + what + " in " + timeout);
      }
    } catch (IOException | TimeoutException e) {
      throw failure("could not " + what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlayerException(spec.screenName() + ": interrupted while it would " + what, e);
    }
    endedBefore = ipc.eventCount("end-file");
  }

  @Override
  public List<Double> itemStarts() {
    return itemStarts;
  }

  /** In an EDL timeline mpv makes each item a chapter: where the items start. */
  private List<Double> queryItemStarts() throws PlayerException {
    if (steps() > 1 || spec.items() == 1) {
      return List.of(0.0);
    }
    JsonNode chapters = call("get_property", "chapter-list");
    List<Double> starts = new java.util.ArrayList<>();
    for (JsonNode chapter : chapters) {
      starts.add(chapter.path("time").asDouble());
    }
    if (starts.size() != spec.items()) {
      throw new PlayerException(
          spec.screenName()
              + ": mpv made "
              + starts.size()
              + " chapters of a "
              + spec.items()
              + "-item playlist");
    }
    return List.copyOf(starts);
  }

  private ChildProcess takeOverOrStart() throws IOException {
    if (early != null) {
      ChildProcess started = early;
      early = null;
      if (started.isAlive()) {
        return started;
      }
      started.stop(STOP_GRACE);
    }
    return startFor(spec, options, "mpv ");
  }

  @Override
  public boolean takesScreenshots() {
    return true;
  }

  @Override
  public void screenshotTo(Path picture, Duration timeout) throws PlayerException {
    screenshot(ipc, spec.screenName(), picture, timeout);
  }

  /**
   * A screenshot by the mpv that serves {@code socket}, as a second IPC client (mpv serves
   * several): what the controller uses for a screen of its own machine while the rank plays it.
   */
  public static void screenshotThrough(Path socket, String screen, Path picture, Duration timeout)
      throws PlayerException {
    try (MpvIpc client = MpvIpc.connect(socket, screen + "-screenshot")) {
      screenshot(client, screen, picture, timeout);
    } catch (IOException e) {
      throw new PlayerException(
          screen + ": no mpv answers on " + socket + ": " + e.getMessage(), e);
    }
  }

  /** The screen's mpv IPC socket in a node's screens folder. */
  public static Path socketIn(Path screensDir, String screen) {
    return screensDir.resolve(screen + ".mpv.sock");
  }

  private static void screenshot(MpvIpc ipc, String screen, Path picture, Duration timeout)
      throws PlayerException {
    try {
      ipc.command(timeout, "screenshot-to-file", picture.toString(), "video");
    } catch (IOException | java.util.concurrent.TimeoutException e) {
      throw new PlayerException(
          screen + ": mpv took no screenshot to " + picture + ": " + e.getMessage(), e);
    }
  }

  private MpvIpc connect(long deadline) throws PlayerException {
    IOException last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new PlayerException(
            spec.screenName()
                + ": mpv exited while starting: "
                + String.join(" | ", lastLogLines(process, 5)));
      }
      try {
        return MpvIpc.connect(socket, spec.screenName());
      } catch (IOException e) {
        last = e;
        LockSupport.parkNanos(10_000_000);
      }
    }
    throw new PlayerException(
        spec.screenName() + ": mpv IPC socket " + socket + " never answered", last);
  }

  /**
   * The clip is ready once a seek is accepted: mpv knows the duration a little before playback is
   * initialised, and refuses seeks ("error running command") until then.
   */
  private void awaitLoaded(long deadline) throws PlayerException {
    PlayerException last = null;
    long idleSince = 0;
    while (System.nanoTime() < deadline) {
      if (ipc.eventCount("end-file") > endedBefore
          || idleSince != 0 && System.nanoTime() - idleSince > IDLE_MEANS_FAILED) {
        throw new PlayerException(
            spec.screenName()
                + ": mpv could not play "
                + clipNames()
                + ": "
                + String.join(" | ", lastLogLines(process, 3))
                + " (see "
                + spec.log()
                + ")");
      }
      if (ipc.isClosed()) {
        throw new PlayerException(
            spec.screenName() + ": mpv closed its IPC socket while loading " + clipNames());
      }
      try {
        seekTo(0, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        return;
      } catch (PlayerException e) {
        last = e;
        // A file mpv cannot open, given on its command line, fails before we connect, so its
        // end-file event is never heard: mpv just sits idle.
        idleSince = idle() ? (idleSince == 0 ? System.nanoTime() : idleSince) : 0;
      }
      LockSupport.parkNanos(10_000_000);
    }
    throw new PlayerException(
        spec.screenName() + ": mpv did not load " + clipNames() + " in time", last);
  }

  /** mpv has no file: it never had one, or could not open it. */
  private boolean idle() {
    try {
      return call("get_property", "idle-active").asBoolean(false);
    } catch (PlayerException e) {
      return false;
    }
  }

  private String clipNames() {
    if (triggered != null) {
      return triggered.toString();
    }
    return steps() > 1
        ? spec.media().get(step).toString()
        : String.join(", ", spec.media().stream().map(Path::toString).toList());
  }

  @Override
  public void release() throws PlayerException {
    moves.incrementAndGet();
    clock.restart(rate);
    set("pause", false);
    playing = true;
  }

  /**
   * Blank moves the picture out of its window, three widths to the right, so that mpv draws only
   * its black background: properties of the video output, redrawn at once even while paused,
   * whatever the crop, and they stay through a change of file (a triggered clip), while the clip
   * plays on beneath. mpv pans only a picture that keeps its aspect, so that is on while blanked.
   * (A black-box filter makes mpv rebuild its filter chain first, 100 ms or more on a busy node; a
   * black box on its on-screen display makes it start its subtitle renderer, slower still.)
   */
  private static final double OUT_OF_SIGHT = 3;

  private boolean blanked;

  /** The picture's pan and aspect before blank (the layout's player options may set them). */
  private double panBeforeBlank;

  private boolean keepAspectBeforeBlank;

  @Override
  public void blank(boolean on) throws PlayerException {
    if (on == blanked) {
      return;
    }
    if (on) {
      panBeforeBlank = call("get_property", "video-pan-x").asDouble(0);
      keepAspectBeforeBlank = call("get_property", "keepaspect").asBoolean(false);
      set("video-pan-x", OUT_OF_SIGHT);
      set("keepaspect", true);
    } else {
      set("keepaspect", keepAspectBeforeBlank);
      set("video-pan-x", panBeforeBlank);
    }
    blanked = on;
  }

  /** The triggered clip mpv plays instead of the show, or null. */
  private Path triggered;

  @Override
  public void pause() throws PlayerException {
    moves.incrementAndGet();
    playing = false;
    set("pause", true);
  }

  @Override
  public void seekTo(double seconds, Duration timeout) throws PlayerException {
    moves.incrementAndGet();
    clock.restart(rate);
    long replied;
    try {
      replied = ipc.commandPlace(REQUEST_TIMEOUT, "seek", seconds, "absolute+exact");
    } catch (IOException | TimeoutException e) {
      throw failure("seek " + seconds + " failed", e);
    }
    try {
      // The playback-restart after our reply is our seek's; one before it is from an earlier one.
      if (!ipc.awaitEventAfter("playback-restart", replied, timeout)) {
        throw new PlayerException(
            spec.screenName() + ": seek to " + seconds + " s did not finish in " + timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlayerException(spec.screenName() + ": interrupted while seeking", e);
    }
  }

  /** Between frames: see {@link FrameClock}. Paused, or at the end, it is the frame shown. */
  @Override
  public double position() throws PlayerException {
    MpvIpc.Observation frame = ipc.observation("time-pos");
    if (frame == null || !frame.value().isNumber()) {
      return call("get_property", "time-pos").asDouble();
    }
    if (!playing || reachedEnd()) {
      return frame.value().asDouble();
    }
    return clock.at(System.nanoTime(), frameSeconds).orElse(frame.value().asDouble());
  }

  private void propertyChanged(String name, MpvIpc.Observation observation) {
    if (playing && "time-pos".equals(name) && observation.value().isNumber()) {
      clock.frame(observation.value().asDouble(), observation.receivedNanos());
    }
  }

  @Override
  public void setRate(double rate) throws PlayerException {
    set("speed", rate);
    this.rate = rate;
    clock.changeRate(rate, System.nanoTime(), frameSeconds);
  }

  /**
   * A player that shows less than half of the clip time it should over this long, while playing,
   * has stalled: frozen, or creeping on the few bytes a failing share still gives.
   */
  private static final long STALL_WINDOW_NANOS = 3_000_000_000L;

  private static final Duration MEDIA_READ = Duration.ofSeconds(2);

  /** The clip time seen at the start of the stall window, and when; NaN when not watching. */
  private double windowClipTime = Double.NaN;

  private long windowStart;

  /** The window's {@link #moves} when it began. */
  private long windowMoves;

  /** Counts the wall's own moves (a release, a pause, a seek): a window spans none of them. */
  private final java.util.concurrent.atomic.AtomicLong moves =
      new java.util.concurrent.atomic.AtomicLong();

  @Override
  public synchronized String stalledOn() {
    MpvIpc.Observation frame = ipc == null ? null : ipc.observation("time-pos");
    if (!playing || frame == null || !frame.value().isNumber() || reachedEnd()) {
      windowClipTime = Double.NaN;
      return null;
    }
    double clipTime = frame.value().asDouble();
    long now = System.nanoTime();
    long movesNow = moves.get();
    if (Double.isNaN(windowClipTime) || clipTime < windowClipTime || movesNow != windowMoves) {
      // A new window: watching starts, or the wall moved the player since (a seam, a seek).
      windowClipTime = clipTime;
      windowStart = now;
      windowMoves = movesNow;
      return null;
    }
    double elapsed = (now - windowStart) / 1e9;
    if (elapsed * 1e9 < Math.max(STALL_WINDOW_NANOS, 8 * frameSeconds * 1e9)) {
      return null;
    }
    double shown = clipTime - windowClipTime;
    windowClipTime = clipTime;
    windowStart = now;
    if (shown >= 0.5 * elapsed * rate) {
      return null;
    }
    List<Path> clips = steps() > 1 ? List.of(spec.media().get(step)) : spec.media();
    String storage =
        clips.stream()
            .map(clip -> MediaReach.problem(clip, MEDIA_READ))
            .flatMap(java.util.Optional::stream)
            .findFirst()
            .orElse(null);
    return String.format(
            java.util.Locale.ROOT,
            "%s: showed %.1f s of its clip in %.1f s of playing",
            spec.screenName(),
            shown,
            elapsed)
        + (storage == null ? " (its clip reads fine: the player itself stalled)" : ": " + storage);
  }

  @Override
  public long droppedFrames() {
    return observedCount("decoder-frame-drop-count") + observedCount("frame-drop-count");
  }

  private long observedCount(String property) {
    JsonNode count = ipc == null ? null : ipc.observed(property);
    return count != null && count.canConvertToLong() ? count.asLong() : 0;
  }

  @Override
  public boolean reachedEnd() {
    JsonNode eof = ipc.observed("eof-reached");
    return eof != null && eof.asBoolean(false);
  }

  /**
   * Read once, when the clip is loaded: it does not change, and a round should not wait on mpv for
   * it.
   */
  @Override
  public double duration() {
    return durationSeconds;
  }

  @Override
  public void ping(Duration deadline) throws PlayerException {
    MpvIpc connection = ipc;
    if (connection == null || connection.isClosed()) {
      throw new PlayerException(spec.screenName() + ": mpv's IPC socket is closed");
    }
    try {
      connection.command(deadline, "get_property", "pause");
    } catch (IOException | TimeoutException e) {
      throw new PlayerException(spec.screenName() + ": mpv " + PlayerMessages.describe(e), e);
    }
  }

  @Override
  public double frameRate() {
    return 1 / frameSeconds;
  }

  private double queryFrameRate() throws PlayerException {
    double fps = call("get_property", "container-fps").asDouble(0);
    return fps > 0 ? fps : 30;
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public void onUnexpectedExit(Consumer<String> listener) {
    this.exitListener = listener;
  }

  @Override
  public void stop() {
    if (early != null) {
      early.stop(STOP_GRACE);
      early = null;
    }
    if (ipc != null) {
      ipc.close();
    }
    if (process != null) {
      process.stop(STOP_GRACE);
    }
    try {
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      // A stale socket is replaced at the next start.
    }
  }

  public long pid() {
    return process.pid();
  }

  private void exited(ChildProcess child) {
    if (!child.isStopping()) {
      exitListener.accept(unexpectedExit(child));
    }
  }

  private String unexpectedExit(ChildProcess child) {
    return spec.screenName()
        + ": mpv "
        + PlayerMessages.howItEnded(child.process().exitValue())
        + ": "
        + String.join(" | ", lastLogLines(child, 3));
  }

  /**
   * mpv's story: its warnings and errors, which it prints to our log; with {@code --debug}, when it
   * printed none, the error lines at the end of its own verbose log, else its last lines. Only the
   * end of a log is read, however long it grew.
   */
  private List<String> lastLogLines(ChildProcess child, int count) {
    List<String> output = child.lastLogLines(count);
    if (output.stream().anyMatch(line -> !line.isBlank()) || !spec.debug()) {
      return output;
    }
    try {
      List<String> log =
          dev.wall.core.io.RotatingFile.lastLines(MpvCommandLine.logFile(spec), 400, 64 * 1024);
      List<String> errors =
          log.stream().filter(line -> line.contains("][e][") || line.contains("][f][")).toList();
      List<String> pick = errors.isEmpty() ? log : errors;
      return pick.subList(Math.max(0, pick.size() - count), pick.size());
    } catch (IOException e) {
      return List.of("(no output; mpv's log " + MpvCommandLine.logFile(spec) + " is unreadable)");
    }
  }

  private void set(String property, Object value) throws PlayerException {
    call("set_property", property, value);
  }

  private JsonNode call(Object... command) throws PlayerException {
    try {
      return ipc.command(REQUEST_TIMEOUT, command);
    } catch (IOException | TimeoutException e) {
      throw failure(command[0] + " " + (command.length > 1 ? command[1] : "") + " failed", e);
    }
  }

  /**
   * A failed request. When mpv died, the socket breaks a moment before the process is reaped; then
   * its death is the story (its code and last log lines), not the broken pipe.
   */
  private PlayerException failure(String what, Exception cause) {
    if (process != null && !process.isStopping() && hasExited(process, DEATH_GRACE)) {
      return new PlayerException(unexpectedExit(process), cause);
    }
    return new PlayerException(
        spec.screenName() + ": mpv " + what + ": " + PlayerMessages.describe(cause), cause);
  }

  private static boolean hasExited(ChildProcess child, Duration within) {
    try {
      return child.process().waitFor(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !child.isAlive();
    }
  }
}
