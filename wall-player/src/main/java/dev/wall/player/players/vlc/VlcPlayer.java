package dev.wall.player.players.vlc;

import dev.wall.core.layout.Rect;
import dev.wall.player.display.XWindows;
import dev.wall.player.players.Capabilities;
import dev.wall.player.players.MediaProbe;
import dev.wall.player.players.PlayerException;
import dev.wall.player.players.PlayerSpec;
import dev.wall.player.players.ProcessPlayer;
import dev.wall.player.players.vlc.VlcRc.State;
import dev.wall.player.process.ChildProcess;
import dev.wall.player.process.Lifeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * VLC ({@code cvlc}), driven through its rc interface on a Unix socket. Coarse by nature: {@code
 * get_time} and {@code seek} count whole seconds, and the rate can only jump in big steps, so this
 * backend declares no rate trimming and no exact seeks.
 *
 * <p>VLC starts paused and shows nothing until a frame is decoded, so prepare steps one frame
 * ({@code frame}). VLC 3 under X opens its window at the video's own size at 0,0, whatever {@code
 * --width/--height/--video-x/--video-y} say, so xdotool sizes and moves it once it appears; VLC
 * scales the picture to the window, keeping its aspect. While paused the rc refuses to seek, so a
 * paused seek plays for the moment it takes; at the end (held by {@code --play-and-pause}) the clip
 * is restarted paused instead, which keeps the window.
 */
public final class VlcPlayer extends ProcessPlayer {
  static final Capabilities CAPABILITIES =
      new Capabilities(false, false, 1.0, true, true, false, Capabilities.ItemSwitch.RESTARTS);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration STATE_TIMEOUT = Duration.ofSeconds(5);
  private static final long POLL_NANOS = 20_000_000;

  /** How long VLC's window must keep its place before prepare counts it as placed. */
  private static final long SETTLE_NANOS = 500_000_000;

  private final VlcOptions options;
  private VlcRc rc;
  private boolean wantPlaying;
  private boolean atEnd;

  public VlcPlayer(PlayerSpec spec, VlcOptions options) {
    super(spec, "VLC");
    this.options = options;
  }

  @Override
  public void prepare(Duration timeout) throws PlayerException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String name = spec.screenName();
    try {
      Files.createDirectories(spec.workDir());
      clip =
          MediaProbe.probe(spec.media().get(item), spec.workDir().resolve(name + ".ffprobe.json"));
      String runAs = runAs();
      Path home = privateFolder(runAs);
      Path socket = home.resolve("rc.sock");
      Files.deleteIfExists(socket);
      process =
          ChildProcess.startWithLifeline(
              "vlc " + name,
              Lifeline.wrap(VlcCommandLine.argv(spec.item(item), options, socket, clip, runAs)),
              spec.log(),
              environment(home));
      process.onExit().thenAccept(this::exited);
      rc = connect(socket, deadline);
      rc.awaitState(State.PAUSED, left(deadline));
      rc.simple("frame", left(deadline));
      if (spec.window() != null && display() != null) {
        placeWindow(spec.window(), deadline);
      }
    } catch (IOException e) {
      throw failure("did not come up", e);
    }
  }

  /** VLC refuses root; as root it runs as the configured unprivileged user, or not at all. */
  private String runAs() throws PlayerException, IOException {
    if (!runningAsRoot()) {
      return null;
    }
    if (options.runAsUser() == null) {
      throw new PlayerException(
          spec.screenName()
              + ": VLC refuses to run as root; run the wall as an"
              + " ordinary user (on a Pi, the pi user) or set the VLC backend's runAsUser");
    }
    return options.runAsUser();
  }

  static boolean runningAsRoot() throws IOException {
    return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
  }

  /** VLC's config, cache and rc socket folder, owned by the user VLC runs as. */
  private Path privateFolder(String runAs) throws IOException {
    Path home = spec.workDir().resolve(spec.screenName() + ".vlc").toAbsolutePath();
    Files.createDirectories(home);
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    if (runAs != null) {
      var users = home.getFileSystem().getUserPrincipalLookupService();
      Files.setOwner(home, users.lookupPrincipalByName(runAs));
    }
    return home;
  }

  private Map<String, String> environment(Path home) {
    Map<String, String> env = new HashMap<>(spec.environment());
    for (String name :
        List.of("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR")) {
      env.put(name, home.toString());
    }
    return env;
  }

  private VlcRc connect(Path socket, long deadline) throws PlayerException {
    IOException last = null;
    while (System.nanoTime() < deadline) {
      checkAlive("while starting");
      if (Files.exists(socket)) {
        try {
          return VlcRc.connect(
              socket,
              spec.screenName(),
              spec.debug() ? spec.workDir().resolve(spec.screenName() + ".rc.log") : null);
        } catch (IOException e) {
          last = e;
        }
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
    throw new PlayerException(
        spec.screenName() + ": VLC rc socket " + socket + " never answered", last);
  }

  /**
   * Waits for VLC's window (it opens with the first frame), then sizes and moves it until it stays:
   * VLC may size it to the video once more as that frame comes.
   */
  private void placeWindow(Rect window, long deadline) throws PlayerException, IOException {
    String title = VlcCommandLine.windowTitle(spec.screenName());
    String display = display();
    String id;
    while ((id = XWindows.ids(display, spec.workDir()).get(title)) == null) {
      checkAlive("before its window appeared");
      if (System.nanoTime() > deadline) {
        throw new PlayerException(
            spec.screenName() + ": VLC's window '" + title + "' never appeared on " + display);
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
    long inPlaceSince = -1;
    while (inPlaceSince < 0 || System.nanoTime() - inPlaceSince < SETTLE_NANOS) {
      if (window.equals(XWindows.list(display, spec.workDir()).get(title))) {
        inPlaceSince = inPlaceSince < 0 ? System.nanoTime() : inPlaceSince;
      } else {
        inPlaceSince = -1;
        moveWindow(id, window, display, deadline);
      }
      if (System.nanoTime() > deadline) {
        throw new PlayerException(
            spec.screenName() + ": VLC's window did not stay at " + window.geometry());
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  private void moveWindow(String id, Rect window, String display, long deadline)
      throws PlayerException, IOException {
    List<String> argv =
        List.of(
            options.xdotool(),
            "windowsize",
            id,
            Integer.toString(window.width()),
            Integer.toString(window.height()),
            "windowmove",
            id,
            Integer.toString(window.x()),
            Integer.toString(window.y()));
    Path log = spec.workDir().resolve(spec.screenName() + ".xdotool.log");
    try (ChildProcess xdotool =
        ChildProcess.start("xdotool", argv, log, Map.of("DISPLAY", display))) {
      if (xdotool.waitFor(left(deadline)).orElse(-1) != 0) {
        throw new PlayerException(
            spec.screenName()
                + ": xdotool could not place VLC's window: "
                + String.join(" | ", xdotool.lastLogLines(3)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlayerException(spec.screenName() + ": interrupted while placing VLC's window", e);
    }
  }

  private String display() {
    return spec.environment().getOrDefault("DISPLAY", System.getenv("DISPLAY"));
  }

  @Override
  public void release() throws PlayerException {
    try {
      if (rc.state() != State.PLAYING) {
        rc.simple("pause", REQUEST_TIMEOUT);
        rc.awaitState(State.PLAYING, STATE_TIMEOUT);
      }
    } catch (IOException e) {
      throw failure("did not start", e);
    }
    wantPlaying = true;
    atEnd = false;
  }

  @Override
  public void pause() throws PlayerException {
    reachedEnd();
    wantPlaying = false;
    try {
      if (rc.state() == State.PLAYING) {
        rc.simple("pause", REQUEST_TIMEOUT);
        rc.awaitState(State.PAUSED, STATE_TIMEOUT);
      }
    } catch (IOException e) {
      throw failure("did not pause", e);
    }
  }

  /**
   * Seeks to the nearest whole second. While paused VLC refuses {@code seek}, so it plays for the
   * moment of the seek; at the end of the clip it is restarted paused instead. Returns when VLC
   * reports the new time; its rc cannot say when the frame is on screen, which follows shortly.
   */
  @Override
  public void seekTo(double seconds, Duration timeout) throws PlayerException {
    long target = Math.max(0, Math.round(seconds));
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      reachedEnd();
      if (atEnd || rc.state() == State.STOPPED) {
        restartPaused(deadline);
        if (target == 0) {
          return;
        }
      }
      boolean paused = rc.state() != State.PLAYING;
      if (paused) {
        rc.simple("pause", left(deadline));
        rc.awaitState(State.PLAYING, left(deadline));
      }
      rc.simple("seek " + target, left(deadline));
      if (paused) {
        rc.simple("pause", left(deadline));
        rc.awaitState(State.PAUSED, left(deadline));
      }
      while (Math.abs(rc.time(left(deadline)) - target) > 1) {
        if (System.nanoTime() > deadline) {
          throw new PlayerException(
              spec.screenName() + ": VLC seek to " + target + " s did not land in " + timeout);
        }
        LockSupport.parkNanos(POLL_NANOS);
      }
    } catch (IOException e) {
      throw failure("seek failed", e);
    }
  }

  /**
   * From the held last frame: let the clip end, start it again (paused by --start-paused), show
   * frame 0.
   */
  private void restartPaused(long deadline) throws IOException {
    if (rc.state() == State.PAUSED) {
      rc.simple("pause", left(deadline));
      rc.awaitState(State.STOPPED, left(deadline));
    }
    rc.simple("play", left(deadline));
    rc.awaitState(State.PAUSED, left(deadline));
    rc.simple("frame", left(deadline));
    atEnd = false;
  }

  /** Whole seconds: VLC's rc has nothing finer. */
  @Override
  public double position() throws PlayerException {
    try {
      return rc.time(REQUEST_TIMEOUT);
    } catch (IOException e) {
      throw failure("position unreadable", e);
    }
  }

  /** VLC's rc only knows faster and slower in big steps: no trimming, so only 1.0 is accepted. */
  @Override
  public void setRate(double rate) throws PlayerException {
    if (Math.abs(rate - 1.0) > 1e-9) {
      throw new PlayerException(
          spec.screenName() + ": VLC cannot trim its rate (asked for " + rate + ")");
    }
  }

  /** VLC paused itself while we wanted it playing: --play-and-pause holds the last frame. */
  @Override
  public boolean reachedEnd() {
    if (wantPlaying && rc.state() == State.PAUSED) {
      atEnd = true;
      wantPlaying = false;
    }
    return atEnd;
  }

  @Override
  public double duration() {
    return clip == null ? 0 : clip.duration();
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public void ping(Duration deadline) throws PlayerException {
    VlcRc console = rc;
    if (console == null || console.isClosed()) {
      throw new PlayerException(spec.screenName() + ": VLC's rc socket is closed");
    }
    try {
      console.status(deadline);
    } catch (IOException e) {
      throw failure("did not answer", e);
    }
  }

  /** The VLC process itself, under its lifeline (and under runuser, runuser's child). */
  public long pid() {
    ProcessHandle program = Lifeline.program(process).orElse(process.process().toHandle());
    return program.children().findFirst().orElse(program).pid();
  }

  @Override
  protected void beforeNextItem() {
    atEnd = false;
  }

  @Override
  protected boolean askToQuit(Duration deadline) throws IOException {
    if (rc == null || rc.isClosed()) {
      return false;
    }
    rc.command("quit", line -> true, deadline);
    return true;
  }

  @Override
  protected void closeControl() {
    if (rc != null) {
      rc.close();
    }
  }
}
