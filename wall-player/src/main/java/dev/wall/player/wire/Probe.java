package dev.wall.player.wire;

import dev.wall.core.layout.PlayerKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the controller asks a node before a start ({@code wall play}'s quick checks, the sweep of a
 * previous run) and in {@code wall doctor}, and what the node answers: the wire between {@link
 * RemoteNodes} on the controller and {@link NodeProbe} on the node, which both import. One line
 * each, {@code KEY VALUE}; the request travels on ssh's standard input, never in the remote command
 * line, so nothing from the layout ever meets a shell.
 */
public final class Probe {
  private Probe() {}

  /**
   * One node's questions.
   *
   * @param host the node as the layout names it (PID files are kept under that name)
   * @param runDir the run folder on the node; with {@code sweep}, a previous run's processes are
   *     stopped
   * @param versions report the wall's, Java's, Open MPI's and mpi.jar's versions
   * @param mediaRoot check this folder is there and mounted, or null
   * @param clips check these files are there (with {@code checksums}, their SHA-256 too)
   * @param player check this player is installed, or null
   * @param display check this display is reachable (the variables the rank will use), or null
   * @param facts report the board's model, its release, its machine, free disk and free memory
   * @param logs send the last lines of these files (logs in the run folder), for the controller to
   *     keep
   * @param decoding report each clip's codec, size and rate (ffprobe) and the display stack the
   *     player would draw on, from which the controller works out each screen's decoding as the
   *     rank does there
   */
  public record Request(
      String host,
      Path runDir,
      boolean sweep,
      boolean versions,
      Path mediaRoot,
      List<Path> clips,
      boolean checksums,
      PlayerKind player,
      Map<String, String> display,
      boolean facts,
      List<Path> logs,
      boolean decoding) {
    public Request {
      clips = List.copyOf(clips);
      display = display == null ? null : Map.copyOf(display);
      logs = List.copyOf(logs);
    }

    public Request(
        String host,
        Path runDir,
        boolean sweep,
        boolean versions,
        Path mediaRoot,
        List<Path> clips,
        boolean checksums,
        PlayerKind player,
        Map<String, String> display,
        boolean facts) {
      this(
          host, runDir, sweep, versions, mediaRoot, clips, checksums, player, display, facts,
          List.of(), false);
    }

    /** The same, also asking for the last lines of {@code files}. */
    public Request withLogs(List<Path> files) {
      return new Request(
          host, runDir, sweep, versions, mediaRoot, clips, checksums, player, display, facts, files,
          decoding);
    }

    /** The same, also asking what decides each clip's decoding there. */
    public Request withDecoding() {
      return new Request(
          host, runDir, sweep, versions, mediaRoot, clips, checksums, player, display, facts, logs,
          true);
    }

    public List<String> lines() {
      List<String> lines = new ArrayList<>();
      lines.add("host " + host);
      if (runDir != null) {
        lines.add("run-dir " + runDir);
      }
      flag(lines, sweep, "sweep");
      flag(lines, versions, "versions");
      if (mediaRoot != null) {
        lines.add("media-root " + mediaRoot);
      }
      clips.forEach(c -> lines.add("clip " + c));
      flag(lines, checksums, "checksums");
      if (player != null) {
        lines.add("player " + player.name());
      }
      if (display != null) {
        lines.add("display-check");
        display.forEach((name, value) -> lines.add("display " + name + "=" + value));
      }
      flag(lines, facts, "facts");
      logs.forEach(l -> lines.add("log " + l));
      flag(lines, decoding, "decoding");
      lines.add("end");
      return lines;
    }

    public static Request parse(List<String> lines) {
      String host = null;
      Path runDir = null;
      boolean sweep = false;
      boolean versions = false;
      Path mediaRoot = null;
      List<Path> clips = new ArrayList<>();
      boolean checksums = false;
      PlayerKind player = null;
      Map<String, String> display = null;
      boolean facts = false;
      List<Path> logs = new ArrayList<>();
      boolean decoding = false;
      for (String line : lines) {
        String key = line.contains(" ") ? line.substring(0, line.indexOf(' ')) : line;
        String value = line.contains(" ") ? line.substring(line.indexOf(' ') + 1) : "";
        switch (key) {
          case "host" -> host = value;
          case "run-dir" -> runDir = Path.of(value);
          case "sweep" -> sweep = true;
          case "versions" -> versions = true;
          case "media-root" -> mediaRoot = Path.of(value);
          case "clip" -> clips.add(Path.of(value));
          case "checksums" -> checksums = true;
          case "player" -> player = PlayerKind.valueOf(value);
          case "display-check" -> display = display == null ? new LinkedHashMap<>() : display;
          case "display" -> {
            display = display == null ? new LinkedHashMap<>() : display;
            display.put(
                value.substring(0, value.indexOf('=')), value.substring(value.indexOf('=') + 1));
          }
          case "facts" -> facts = true;
          case "log" -> logs.add(Path.of(value));
          case "decoding" -> decoding = true;
          default -> {
            // A newer controller's question: not answered.
          }
        }
      }
      return new Request(
          host, runDir, sweep, versions, mediaRoot, clips, checksums, player, display, facts, logs,
          decoding);
    }

    private static void flag(List<String> lines, boolean on, String name) {
      if (on) {
        lines.add(name);
      }
    }
  }

  /**
   * One clip as the node sees it: {@code ok} (with size, and SHA-256 when asked), or what is wrong.
   */
  public record Clip(Path path, String state, long size, String sha256) {
    public boolean ok() {
      return state.equals("ok");
    }
  }

  /**
   * What ffprobe said of a clip on the node, for its decoding there.
   *
   * @param codec ffprobe's name of the video codec, or null when unknown
   * @param frameRate frames a second, or 0 when the container does not say
   */
  /**
   * What ffprobe said of a clip on the node.
   *
   * @param profile the codec's profile ({@code High}, {@code Main 10}), or null when not known (a
   *     node of an older wall does not say)
   * @param level the codec's level as ffprobe gives it, or 0 when not known
   */
  public record Media(
      String codec, int width, int height, double frameRate, String profile, int level) {
    public Media(String codec, int width, int height, double frameRate) {
      this(codec, width, height, frameRate, null, 0);
    }
  }

  /**
   * One node's answers; a field is null (or empty) when it was not asked.
   *
   * @param versions name to version: {@code wall}, {@code java}, {@code openmpi}, {@code mpijar} (a
   *     version, or {@code missing})
   * @param resolves the address the node's own resolver gives for its layout name, or {@code -}
   * @param mediaRoot {@code ok}, {@code missing} or {@code not-mounted}
   * @param player the player the node would start, or null with {@code playerProblem} saying why
   * @param display {@code ok KIND} or what failed
   * @param facts {@code model}, {@code disk-free} (bytes, of the media root or the run folder),
   *     {@code memory-available} (bytes)
   * @param swept processes of a previous run stopped
   * @param left processes of a previous run that would not stop
   * @param refused run folders that were not swept because another user could have written to them,
   *     one line each saying what is wrong and what to do
   * @param timeouts checks that ran out of time
   * @param logs the last lines of each log asked for, by path (none for a file that is not there)
   * @param media what ffprobe said of each clip, by path (for the decoding)
   * @param stack the display stack the player would draw on ({@code x11}, {@code wayland} or {@code
   *     drm}, and {@code gpu} or {@code no-gpu}), or null when not asked
   */
  public record Answer(
      Map<String, String> versions,
      String resolves,
      String mediaRoot,
      List<Clip> clips,
      String player,
      String playerProblem,
      String display,
      Map<String, String> facts,
      int swept,
      List<String> left,
      List<String> refused,
      List<String> timeouts,
      Map<Path, List<String>> logs,
      Map<Path, Media> media,
      String stack) {
    public Answer(
        Map<String, String> versions,
        String resolves,
        String mediaRoot,
        List<Clip> clips,
        String player,
        String playerProblem,
        String display,
        Map<String, String> facts,
        int swept,
        List<String> left,
        List<String> refused,
        List<String> timeouts,
        Map<Path, List<String>> logs) {
      this(
          versions,
          resolves,
          mediaRoot,
          clips,
          player,
          playerProblem,
          display,
          facts,
          swept,
          left,
          refused,
          timeouts,
          logs,
          Map.of(),
          null);
    }

    public Answer {
      media = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(media));
      versions = Map.copyOf(versions);
      clips = List.copyOf(clips);
      facts = Map.copyOf(facts);
      left = List.copyOf(left);
      refused = List.copyOf(refused);
      timeouts = List.copyOf(timeouts);
      Map<Path, List<String>> copied = new LinkedHashMap<>();
      logs.forEach((path, tail) -> copied.put(path, List.copyOf(tail)));
      logs = java.util.Collections.unmodifiableMap(copied);
    }

    public List<String> lines() {
      List<String> lines = new ArrayList<>();
      versions.forEach((name, version) -> lines.add("version " + name + " " + version));
      if (resolves != null) {
        lines.add("resolves " + resolves);
      }
      if (mediaRoot != null) {
        lines.add("media-root " + mediaRoot);
      }
      for (Clip clip : clips) {
        lines.add(
            "clip "
                + clip.state()
                + " "
                + clip.size()
                + " "
                + (clip.sha256() == null ? "-" : clip.sha256())
                + " "
                + clip.path());
      }
      if (player != null) {
        lines.add("player " + player);
      }
      if (playerProblem != null) {
        lines.add("player-problem " + playerProblem);
      }
      if (display != null) {
        lines.add("display " + display);
      }
      facts.forEach((name, value) -> lines.add("fact " + name + " " + value));
      media.forEach(
          (path, info) ->
              lines.add(
                  String.format(
                      java.util.Locale.ROOT,
                      "media %s %d %d %.6f %s",
                      info.codec() == null ? "-" : info.codec(),
                      info.width(),
                      info.height(),
                      info.frameRate(),
                      path)));
      // Its own line, so a controller of an older wall reads the "media" line as before; the
      // profile's spaces ("Constrained Baseline") travel as underscores.
      media.forEach(
          (path, info) -> {
            if (info.profile() != null || info.level() > 0) {
              lines.add(
                  "media-profile "
                      + (info.profile() == null ? "-" : info.profile().replace(' ', '_'))
                      + " "
                      + info.level()
                      + " "
                      + path);
            }
          });
      if (stack != null) {
        lines.add("stack " + stack);
      }
      lines.add("swept " + swept);
      left.forEach(l -> lines.add("left " + l));
      refused.forEach(r -> lines.add("refused " + r.replace('\n', ' ').replace('\r', ' ')));
      timeouts.forEach(t -> lines.add("timeout " + t));
      List<Path> logPaths = List.copyOf(logs.keySet());
      for (int i = 0; i < logPaths.size(); i++) {
        lines.add("log " + i + " " + logPaths.get(i));
        for (String line : logs.get(logPaths.get(i))) {
          lines.add("log-line " + i + " " + line.replace('\r', ' '));
        }
      }
      lines.add("end");
      return lines;
    }

    public static Answer parse(List<String> lines) {
      Map<String, String> versions = new LinkedHashMap<>();
      String resolves = null;
      String mediaRoot = null;
      List<Clip> clips = new ArrayList<>();
      String player = null;
      String playerProblem = null;
      String display = null;
      Map<String, String> facts = new LinkedHashMap<>();
      int swept = 0;
      List<String> left = new ArrayList<>();
      List<String> refused = new ArrayList<>();
      List<String> timeouts = new ArrayList<>();
      Map<String, Path> logNames = new LinkedHashMap<>();
      Map<Path, List<String>> logs = new LinkedHashMap<>();
      Map<Path, Media> media = new LinkedHashMap<>();
      String stack = null;
      for (String line : lines) {
        String[] kv = line.split(" ", 2);
        String value = kv.length > 1 ? kv[1] : "";
        switch (kv[0]) {
          case "version" ->
              versions.put(
                  value.split(" ", 2)[0],
                  value.split(" ", 2).length > 1 ? value.split(" ", 2)[1] : "");
          case "resolves" -> resolves = value;
          case "media-root" -> mediaRoot = value;
          case "clip" -> {
            String[] w = value.split(" ", 4);
            clips.add(
                new Clip(
                    Path.of(w[3]), w[0], Long.parseLong(w[1]), w[2].equals("-") ? null : w[2]));
          }
          case "player" -> player = value;
          case "player-problem" -> playerProblem = value;
          case "display" -> display = value;
          case "fact" ->
              facts.put(
                  value.split(" ", 2)[0],
                  value.split(" ", 2).length > 1 ? value.split(" ", 2)[1] : "");
          case "media" -> {
            String[] w = value.split(" ", 5);
            media.put(
                Path.of(w[4]),
                new Media(
                    w[0].equals("-") ? null : w[0],
                    Integer.parseInt(w[1]),
                    Integer.parseInt(w[2]),
                    Double.parseDouble(w[3])));
          }
          case "media-profile" -> {
            String[] w = value.split(" ", 3);
            Path clip = Path.of(w[2]);
            Media known = media.get(clip);
            if (known != null) {
              media.put(
                  clip,
                  new Media(
                      known.codec(),
                      known.width(),
                      known.height(),
                      known.frameRate(),
                      w[0].equals("-") ? null : w[0].replace('_', ' '),
                      Integer.parseInt(w[1])));
            }
          }
          case "stack" -> stack = value;
          case "swept" -> swept = Integer.parseInt(value);
          case "left" -> left.add(value);
          case "refused" -> refused.add(value);
          case "timeout" -> timeouts.add(value);
          case "log" -> {
            String[] w = value.split(" ", 2);
            logNames.put(w[0], Path.of(w[1]));
            logs.put(Path.of(w[1]), new ArrayList<>());
          }
          case "log-line" -> {
            String[] w = value.split(" ", 2);
            Path log = logNames.get(w[0]);
            if (log != null) {
              logs.get(log).add(w.length > 1 ? w[1] : "");
            }
          }
          default -> {
            // An older node's or a newer one's: ignored.
          }
        }
      }
      return new Answer(
          versions,
          resolves,
          mediaRoot,
          clips,
          player,
          playerProblem,
          display,
          facts,
          swept,
          left,
          refused,
          timeouts,
          logs,
          media,
          stack);
    }
  }
}
