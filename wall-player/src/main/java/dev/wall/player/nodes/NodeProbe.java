package dev.wall.player.nodes;

import dev.wall.core.io.RunFolder;
import dev.wall.player.display.DisplayStack;
import dev.wall.player.players.Board;
import dev.wall.player.players.Executables;
import dev.wall.player.players.MediaInfo;
import dev.wall.player.players.MediaProbe;
import dev.wall.player.players.PlayerException;
import dev.wall.player.players.registry.Backends;
import dev.wall.player.process.ChildProcess;
import dev.wall.player.versions.InstalledVersions;
import dev.wall.player.wire.Probe;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The node's side of {@link Probe}: answers the controller's questions about this node, each check
 * with a deadline of its own. Run over ssh on every other node ({@code java -cp WALL
 * dev.wall.player.nodes.NodeProbe}, the request on standard input), and in-process for the
 * controller's own node. It changes nothing, except that a sweep stops a previous run's leftovers.
 */
public final class NodeProbe {
  static final String MAIN = NodeProbe.class.getName();
  private static final Duration SWEEP_GRACE = Duration.ofSeconds(2);
  private static final Duration QUICK = Duration.ofSeconds(5);
  private static final Duration CHECKSUMS = Duration.ofMinutes(20);

  /** ffprobe on each clip: a second or so each on a Pi. */
  private static final Duration DECODING = Duration.ofSeconds(60);

  /** How much of a log the controller keeps of a node's. */
  static final int LOG_LINES = 200;

  /**
   * The empty mount point of the media share holds this file (wall setup nfs-client puts it there).
   */
  static final String NOT_MOUNTED_SENTINEL = "NFS_NOT_MOUNTED";

  /** The probe's first line: {@code started MILLIS}, how long its Java took to start. */
  static final String STARTED = "started";

  /**
   * A JVM's start on a PC or a Pi 4, and more: a node slower than this is given time in proportion.
   */
  static final Duration NOMINAL_START = Duration.ofSeconds(1);

  private NodeProbe() {}

  public static void main(String[] args) throws IOException {
    long start = startMillis();
    System.out.println(STARTED + " " + start);
    System.out.flush();
    List<String> lines = new ArrayList<>();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null && !line.equals("end"); line = in.readLine()) {
      lines.add(line);
    }
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    answer(Probe.Request.parse(lines), RunFolder.defaultPath(), scale(start))
        .lines()
        .forEach(out::println);
    out.flush();
    System.exit(0); // a check still running past its deadline must not keep the JVM
  }

  /**
   * How long this JVM took to start, in milliseconds: from its process's start (the script's) to
   * here.
   */
  static long startMillis() {
    return ProcessHandle.current()
        .info()
        .startInstant()
        .map(t -> Math.max(0, System.currentTimeMillis() - t.toEpochMilli()))
        .orElse(0L);
  }

  /**
   * How much slower than a PC or a Pi this node is, judged by its own Java's start ({@code
   * startMillis}): 1 up to {@link #NOMINAL_START}, in proportion beyond. Under emulation a JVM
   * takes 5 to 20 s to start; every check's deadline stretches with it.
   */
  public static double scale(long startMillis) {
    return Math.max(1, startMillis / (double) NOMINAL_START.toMillis());
  }

  /** Answers {@code request} here, each check within its deadline. */
  public static Probe.Answer answer(Probe.Request request) {
    return answer(request, RunFolder.defaultPath(), 1);
  }

  /** The same, with {@code here} as this node's default run folder. */
  static Probe.Answer answer(Probe.Request request, Path here) {
    return answer(request, here, 1);
  }

  /**
   * The same, each deadline {@code scale} times as long (a slow node: see {@link #scale}).
   *
   * @param here this node's default run folder
   */
  static Probe.Answer answer(Probe.Request request, Path here, double scale) {
    Duration quick = scaled(QUICK, scale);
    ExecutorService checks =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "probe-check");
              t.setDaemon(true);
              return t;
            });
    List<String> timeouts = new ArrayList<>();
    try {
      RunRecord.Sweep sweep =
          request.sweep() && request.runDir() != null
              ? within(
                  checks,
                  "sweep",
                  quick.plus(SWEEP_GRACE),
                  timeouts,
                  () ->
                      RunRecord.sweep(
                          runFolders(request.runDir(), here), request.host(), SWEEP_GRACE))
              : null;
      Future<Map<String, String>> versions =
          request.versions() ? checks.submit(NodeProbe::versions) : null;
      Future<String> resolves = checks.submit(() -> resolve(request.host()));
      Future<String> mediaRoot =
          request.mediaRoot() == null ? null : checks.submit(() -> mediaRoot(request.mediaRoot()));
      Future<List<Probe.Clip>> clips =
          checks.submit(() -> clips(request.clips(), request.checksums()));
      Future<String[]> player =
          request.player() == null ? null : checks.submit(() -> player(request));
      Future<String> display =
          request.display() == null ? null : checks.submit(() -> display(request.display()));
      Future<Map<String, String>> facts =
          request.facts() ? checks.submit(() -> facts(request)) : null;
      Future<Map<Path, Probe.Media>> media =
          request.decoding() ? checks.submit(() -> media(request.clips())) : null;

      Map<String, String> versionsFound = get(versions, "versions", quick, timeouts, Map.of());
      String resolved = get(resolves, "name", quick, timeouts, "-");
      String root = get(mediaRoot, "media-root", quick, timeouts, null);
      List<Probe.Clip> clipsFound =
          get(clips, "clips", request.checksums() ? CHECKSUMS : quick, timeouts, List.of());
      String[] playerFound = get(player, "player", quick, timeouts, new String[] {null, null});
      String displayFound = get(display, "display", quick, timeouts, null);
      Map<String, String> factsFound = get(facts, "facts", quick, timeouts, Map.of());
      Map<Path, Probe.Media> mediaFound =
          get(media, "decoding", scaled(DECODING, scale), timeouts, Map.of());
      return new Probe.Answer(
          versionsFound,
          resolved,
          root,
          clipsFound,
          playerFound[0],
          playerFound[1],
          displayFound,
          factsFound,
          sweep == null ? 0 : sweep.stopped(),
          sweep == null ? List.of() : sweep.left(),
          sweep == null ? List.of() : sweep.refused(),
          timeouts,
          logs(request, here),
          mediaFound,
          request.decoding() ? stack(request.display()) : null);
    } finally {
      checks.shutdownNow();
    }
  }

  private static Duration scaled(Duration deadline, double scale) {
    return Duration.ofMillis((long) (deadline.toMillis() * scale));
  }

  /**
   * Where this node's ranks of a run keep their PID files and logs: the run folder the controller
   * named, and, when a rank could not use that one here (it cannot be made here, or it is not a
   * folder of ours), this node's default ({@code here}), where the rank went instead.
   */
  static List<Path> runFolders(Path asked, Path here) {
    Path folder = asked.toAbsolutePath().normalize();
    if (here.equals(folder) || usable(folder)) {
      return List.of(folder);
    }
    return List.of(folder, here);
  }

  /** Whether a rank here would keep {@code folder}: it is ours, or missing and can be made here. */
  private static boolean usable(Path folder) {
    if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      try {
        RunFolder.check(folder);
        return true;
      } catch (IOException e) {
        return false;
      }
    }
    Path existing = folder.getParent();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    return existing != null && Files.isDirectory(existing) && Files.isWritable(existing);
  }

  private static <T> T within(
      ExecutorService checks,
      String name,
      Duration deadline,
      List<String> timeouts,
      Callable<T> check) {
    return get(checks.submit(check), name, deadline, timeouts, null);
  }

  private static <T> T get(
      Future<T> future, String name, Duration deadline, List<String> timeouts, T otherwise) {
    if (future == null) {
      return otherwise;
    }
    try {
      return future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      timeouts.add(name + " " + deadline.toSeconds() + "s");
      return otherwise;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return otherwise;
    } catch (java.util.concurrent.ExecutionException e) {
      return otherwise;
    }
  }

  /**
   * The last lines of each log asked for, if it lies in a run folder of ours ({@link #runFolders}).
   */
  private static Map<Path, List<String>> logs(Probe.Request request, Path here) {
    Map<Path, List<String>> tails = new LinkedHashMap<>();
    if (request.runDir() == null || request.logs().isEmpty()) {
      return tails;
    }
    List<Path> folders = new ArrayList<>();
    for (Path folder : runFolders(request.runDir(), here)) {
      try {
        folders.add(RunFolder.check(folder));
      } catch (IOException e) {
        // Not ours to read from.
      }
    }
    for (Path log : request.logs()) {
      Path file = log.toAbsolutePath().normalize();
      if (folders.stream().anyMatch(file::startsWith)
          && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        tails.put(log, tail(file));
      }
    }
    return tails;
  }

  /** At most the last {@link #LOG_LINES} lines of the last 64 KB of {@code file}. */
  static List<String> tail(Path file) {
    try (java.nio.channels.SeekableByteChannel channel = Files.newByteChannel(file)) {
      long size = channel.size();
      long from = Math.max(0, size - 65_536);
      channel.position(from);
      java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) (size - from));
      while (buffer.hasRemaining() && channel.read(buffer) > 0) {
        // Reads to the end.
      }
      List<String> lines =
          new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).lines().toList();
      if (from > 0 && !lines.isEmpty()) {
        lines = lines.subList(1, lines.size());
      }
      return lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size());
    } catch (IOException e) {
      return List.of();
    }
  }

  private static Map<String, String> versions() throws IOException {
    Path scratch = Files.createTempDirectory("wall-probe");
    try {
      return InstalledVersions.here(scratch);
    } finally {
      try (var files = Files.list(scratch)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(scratch);
    }
  }

  private static String resolve(String host) {
    try {
      return InetAddress.getByName(host).getHostAddress();
    } catch (IOException e) {
      return "-";
    }
  }

  static String mediaRoot(Path root) {
    if (!Files.isDirectory(root)) {
      return "missing";
    }
    return Files.exists(root.resolve(NOT_MOUNTED_SENTINEL)) ? "not-mounted" : "ok";
  }

  private static List<Probe.Clip> clips(List<Path> clips, boolean checksums) throws IOException {
    Checksums cache = checksums ? Checksums.forThisUser() : null;
    List<Probe.Clip> found = new ArrayList<>();
    for (Path clip : clips) {
      if (Files.isDirectory(clip)) {
        found.add(new Probe.Clip(clip, "folder", 0, null));
      } else if (!Files.exists(clip)) {
        found.add(new Probe.Clip(clip, "missing", 0, null));
      } else if (!Files.isReadable(clip)) {
        found.add(new Probe.Clip(clip, "unreadable", 0, null));
      } else {
        found.add(
            new Probe.Clip(
                clip, "ok", Files.size(clip), cache == null ? null : cache.sha256(clip)));
      }
    }
    if (cache != null) {
      cache.save();
    }
    return found;
  }

  private static String[] player(Probe.Request request) {
    try {
      return new String[] {Backends.ALL.choose(request.player()).kind().jsonName(), null};
    } catch (IllegalStateException e) {
      return new String[] {null, e.getMessage()};
    }
  }

  /** The display a player will use: Wayland when set, else X, else the console's DRM device. */
  static String display(Map<String, String> settings) {
    String wayland = settings.get("WAYLAND_DISPLAY");
    if (wayland != null) {
      String runtime = settings.getOrDefault("XDG_RUNTIME_DIR", "");
      Path socket = wayland.startsWith("/") ? Path.of(wayland) : Path.of(runtime, wayland);
      return connects(socket)
          ? "ok wayland " + socket
          : "failed: no Wayland compositor answers at " + socket;
    }
    String x = settings.get("DISPLAY");
    if (x != null) {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("^(?:unix/)?:(\\d+)(\\.\\d+)?$").matcher(x);
      if (!m.matches()) {
        return "failed: DISPLAY=" + x + " is not a local X display (:N)";
      }
      Path socket = Path.of("/tmp/.X11-unix/X" + m.group(1));
      if (!connects(socket)) {
        return "failed: no X server answers on DISPLAY=" + x + " (" + socket + ")";
      }
      String refused = xRefuses(settings);
      return refused == null
          ? "ok x11 " + x
          : "failed: the X server on " + x + " refuses the wall: " + refused;
    }
    try (DirectoryStream<Path> cards = Files.newDirectoryStream(Path.of("/dev/dri"), "card*")) {
      for (Path card : cards) {
        if (Files.isReadable(card) && Files.isWritable(card)) {
          return "ok drm " + card;
        }
      }
    } catch (IOException e) {
      // No /dev/dri: said below.
    }
    return "failed: no DISPLAY or WAYLAND_DISPLAY given, and no usable DRM device in /dev/dri";
  }

  private static boolean connects(Path socket) {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /**
   * What xdpyinfo says when the X server turns us away (authorization), or null when it lets us in
   * or is absent.
   */
  private static String xRefuses(Map<String, String> settings) {
    if (!Executables.installed("xdpyinfo")) {
      return null;
    }
    try {
      Path log = Files.createTempFile("wall-xdpyinfo", ".log");
      try (ChildProcess xdpyinfo =
          ChildProcess.start("xdpyinfo", List.of("xdpyinfo"), log, settings)) {
        int code = xdpyinfo.waitFor(Duration.ofSeconds(3)).orElse(-1);
        return code == 0 ? null : String.join(" ", xdpyinfo.lastLogLines(2)).strip();
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** What ffprobe says of each clip that is there (codec, size, rate), for its decoding. */
  private static Map<Path, Probe.Media> media(List<Path> clips) throws IOException {
    Map<Path, Probe.Media> found = new LinkedHashMap<>();
    Path scratch = Files.createTempDirectory("wall-probe-media");
    try {
      for (Path clip : clips) {
        if (Files.isRegularFile(clip) && Files.isReadable(clip)) {
          try {
            MediaInfo info = MediaProbe.probe(clip, scratch.resolve("clip.json"));
            found.put(
                clip,
                new Probe.Media(
                    info.codec(),
                    info.width(),
                    info.height(),
                    info.frameRate(),
                    info.profile(),
                    info.level()));
          } catch (PlayerException e) {
            // Not a clip ffprobe can read: its decoding is worked out without it.
          }
        }
      }
    } finally {
      try (var files = Files.list(scratch)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(scratch);
    }
    return found;
  }

  /** The stack a player with these display settings draws on here: {@code KIND gpu|no-gpu}. */
  static String stack(Map<String, String> display) {
    try {
      DisplayStack stack = DisplayStack.forPlayer(display == null ? Map.of() : display);
      return stack.kind().jsonName() + " " + (stack.gpu() ? "gpu" : "no-gpu");
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Map<String, String> facts(Probe.Request request) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("model", model());
    facts.put("machine", NodeJava.machine());
    facts.put("release", String.valueOf(Board.here().release()));
    Path where =
        request.mediaRoot() != null && Files.isDirectory(request.mediaRoot())
            ? request.mediaRoot()
            : request.runDir() != null && Files.isDirectory(request.runDir())
                ? request.runDir()
                : Path.of("/");
    // statvfs of the folder itself: a node in a container or chroot may not find it in its mount
    // table.
    long free = where.toFile().getUsableSpace();
    facts.put("disk-free", free > 0 ? String.valueOf(free) : "?");
    facts.put("memory-available", memoryAvailable());
    return facts;
  }

  /** The device tree's model (a Pi's), else a PC's product name. */
  private static String model() {
    String board = Board.here().model();
    if (!board.isEmpty()) {
      return board;
    }
    for (String file : List.of("/sys/class/dmi/id/product_name")) {
      try {
        String text =
            Files.readString(Path.of(file), StandardCharsets.UTF_8).replace("\0", "").strip();
        if (!text.isEmpty()) {
          return text;
        }
      } catch (IOException e) {
        // Not this kind of board.
      }
    }
    return "?";
  }

  private static String memoryAvailable() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemAvailable:")) {
          return String.valueOf(Long.parseLong(line.replaceAll("\\D", "")) * 1024);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Not Linux.
    }
    return "?";
  }
}
