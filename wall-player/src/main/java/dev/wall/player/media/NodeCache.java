package dev.wall.player.media;

import dev.wall.player.nodes.RemoteNodes;
import dev.wall.player.nodes.Ssh;
import dev.wall.player.process.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node's media cache, reached as the wall reaches that node: its own ssh (key, config, strict
 * host keys), or this machine directly. Every step is one fixed shell script run there with its
 * arguments as separate quoted words: the cache folder, and names that are only hex digests, a dot
 * and an extension from {@link PublishPlan}'s list (the script checks them again).
 *
 * <p>A file arrives under a temporary name in the cache folder, is hashed there, and only a file
 * whose SHA-256 is the one asked for is renamed into place (an atomic rename in one folder); any
 * other is deleted. The cache folder itself must not be a link; a file is never followed through a
 * link, and nothing outside the folder is touched.
 */
public final class NodeCache {
  /** Where a node keeps its clips unless told. */
  public static final Path DEFAULT_DIR = Path.of("/var/cache/wall/media");

  /** Exit codes of {@link #SCRIPT} that say what went wrong on the node. */
  static final int BAD_NAME = 2;

  static final int FOLDER = 3;
  static final int NOTHING_ARRIVED = 4;
  static final int DIGEST_DIFFERS = 5;

  /** $1 the step, $2 the cache folder, then its names. */
  static final String SCRIPT =
      String.join(
          "\n",
          "step=$1; dir=$2; shift 2",
          "say() { printf 'wall-cache: %s\\n' \"$*\" >&2; }",
          "case $dir in /*) ;; *) say \"$dir is not an absolute path\"; exit 2 ;; esac",
          "if [ -L \"$dir\" ]; then say \"$dir is a symbolic link, not a folder\"; exit 3; fi",
          "named() {",
          "  case $1 in ''|.|..|*[!0-9a-z.-]*) say \"refused name $1\"; exit 2 ;; esac",
          "}",
          "verify() { s=$(sha256sum < \"$dir/$1\") || exit 3; printf '%s' \"${s%% *}\"; }",
          "commit() {",
          "  named \"$1\"; named \"$2\"",
          "  if [ ! -f \"$dir/$1\" ] || [ -L \"$dir/$1\" ]; then say 'nothing arrived'; exit 4; fi",
          "  s=$(verify \"$1\")",
          "  if [ \"$s\" != \"$3\" ]; then rm -f -- \"$dir/$1\"; say \"it arrived with SHA-256 $s\"; exit 5; fi",
          "  mv -f -- \"$dir/$1\" \"$dir/$2\" || exit 3",
          "  echo committed",
          "}",
          "case $step in",
          "inventory)",
          "  mkdir -p -- \"$dir\" 2>/dev/null || { say \"cannot create $dir\"; exit 3; }",
          "  if [ -L \"$dir\" ] || [ ! -d \"$dir\" ]; then say \"$dir is not a folder\"; exit 3; fi",
          "  if [ ! -w \"$dir\" ]; then say \"cannot write to $dir\"; exit 3; fi",
          "  if command -v rsync >/dev/null 2>&1; then echo rsync; fi",
          "  for n in \"$@\"; do",
          "    named \"$n\"",
          "    if [ -f \"$dir/$n\" ] && [ ! -L \"$dir/$n\" ]; then echo \"sum $(verify \"$n\") $n\"; fi",
          "  done",
          "  find \"$dir\" -mindepth 1 -maxdepth 1 -printf 'entry %y %s %T@ %f\\n'",
          "  ;;",
          "receive)",
          "  named \"$1\"",
          "  cat > \"$dir/$1\" || { rm -f -- \"$dir/$1\"; exit 3; }",
          "  commit \"$@\"",
          "  ;;",
          "commit) commit \"$@\" ;;",
          "finish)",
          "  for a in \"$@\"; do",
          "    n=${a#?}; named \"$n\"",
          "    case $a in",
          "    +*) if [ -f \"$dir/$n\" ] && [ ! -L \"$dir/$n\" ]; then touch -c -h -- \"$dir/$n\"; fi ;;",
          "    -*) if [ -f \"$dir/$n\" ] && [ ! -L \"$dir/$n\" ]; then rm -f -- \"$dir/$n\" && echo \"removed $n\"; fi ;;",
          "    esac",
          "  done",
          "  ;;",
          "*) say \"unknown step $step\"; exit 2 ;;",
          "esac",
          "");

  /** How long a step that moves no clip may take (a node hashing its files, on an SD card). */
  static final Duration STEP = Duration.ofMinutes(5);

  private final String host;
  private final boolean local;
  private final Ssh ssh;
  private final List<String> sshOptions;
  private final Path dir;

  /**
   * @param local whether {@code host} is this machine (its steps run here, without ssh)
   */
  public NodeCache(String host, boolean local, Ssh ssh, List<String> sshOptions, Path dir) {
    this.host = host;
    this.local = local;
    this.ssh = ssh;
    this.sshOptions = List.copyOf(sshOptions);
    this.dir = dir;
  }

  public String host() {
    return host;
  }

  public Path dir() {
    return dir;
  }

  public boolean local() {
    return local;
  }

  /** A step failed; {@link #unreached} when the node could not be reached at all. */
  public static final class Failed extends IOException {
    private final boolean unreached;

    Failed(String message, boolean unreached) {
      super(message);
      this.unreached = unreached;
    }

    public boolean unreached() {
      return unreached;
    }
  }

  /**
   * What the node has.
   *
   * @param rsync whether rsync is installed there
   * @param sums the SHA-256 the node computed, of each asked-for name it holds
   * @param entries everything in the cache folder
   */
  public record Inventory(
      boolean rsync, Map<String, String> sums, List<CacheCleanup.Entry> entries) {}

  /** Creates the folder if needed, and hashes the files of {@code names} it already holds. */
  public Inventory inventory(Collection<String> names) throws Failed {
    List<String> args = new ArrayList<>(List.of("inventory"));
    args.addAll(names);
    Processes.Outcome done = step(args, null, STEP);
    boolean rsync = false;
    Map<String, String> sums = new LinkedHashMap<>();
    List<CacheCleanup.Entry> entries = new ArrayList<>();
    for (String line : done.stdout().lines().toList()) {
      String[] words = line.split(" ", 5);
      if (line.equals("rsync")) {
        rsync = true;
      } else if (words.length == 3 && words[0].equals("sum")) {
        sums.put(words[2], words[1]);
      } else if (words.length == 5 && words[0].equals("entry") && words[1].length() == 1) {
        try {
          entries.add(
              new CacheCleanup.Entry(
                  words[4],
                  words[1].charAt(0),
                  Long.parseLong(words[2]),
                  (long) Double.parseDouble(words[3])));
        } catch (NumberFormatException e) {
          // Not a line of ours.
        }
      }
    }
    return new Inventory(rsync, sums, entries);
  }

  /** Streams {@code source} to the node over this step's own standard input, then commits it. */
  public void receive(Path source, String name, String sha256) throws IOException {
    step(List.of("receive", incoming(name), name, sha256), source, transferTime(source));
  }

  /**
   * Sends {@code source} with rsync over the wall's ssh to its temporary name (a transfer broken
   * off is taken up where it stopped next time), then commits it.
   *
   * @param rsyncShell rsync's {@code -e}, from {@link Ssh#rsyncShell}
   */
  public void rsync(Path source, String name, String sha256, String rsyncShell) throws IOException {
    List<String> argv =
        List.of(
            "rsync",
            "--partial",
            "--protect-args",
            "-e",
            rsyncShell,
            "--",
            source.toAbsolutePath().toString(),
            host + ":" + dir.resolve(incoming(name)));
    Processes.Outcome sent = Processes.run(argv, new byte[0], transferTime(source), Map.of());
    if (sent.exitCode() != 0) {
      throw failure("rsync", sent);
    }
    step(List.of("commit", incoming(name), name, sha256), null, STEP);
  }

  /** Marks {@code used} as just used, and deletes {@code remove}; the names deleted. */
  public List<String> finish(Collection<String> used, Collection<String> remove) throws Failed {
    List<String> args = new ArrayList<>(List.of("finish"));
    used.forEach(n -> args.add("+" + n));
    remove.forEach(n -> args.add("-" + n));
    return step(args, null, STEP)
        .stdout()
        .lines()
        .filter(l -> l.startsWith("removed "))
        .map(l -> l.substring("removed ".length()))
        .toList();
  }

  static String incoming(String name) {
    return ".incoming-" + name;
  }

  /** A minute, and a second for each 2 MB: a slow link to a Pi still gets there. */
  private static Duration transferTime(Path source) throws IOException {
    return Duration.ofSeconds(60 + Files.size(source) / 2_000_000);
  }

  private Processes.Outcome step(List<String> args, Path stdin, Duration timeout) throws Failed {
    for (String arg : args.subList(1, args.size())) {
      String name = arg.startsWith("+") || arg.startsWith("-") ? arg.substring(1) : arg;
      if (!PublishPlan.CACHE_NAME.matcher(name).matches()
          && !CacheCleanup.INCOMING.matcher(name).matches()
          && !name.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("not a name of the cache: " + arg);
      }
    }
    List<String> remote = new ArrayList<>(List.of("sh", "-c", SCRIPT, "wall-cache"));
    remote.add(args.get(0));
    remote.add(dir.toString());
    remote.addAll(args.subList(1, args.size()));
    List<String> argv =
        local ? remote : ssh.command(host, Duration.ofSeconds(10), sshOptions, remote);
    Processes.Outcome done;
    try {
      done =
          stdin == null
              ? Processes.run(argv, new byte[0], timeout, Map.of())
              : Processes.run(argv, stdin, timeout, Map.of());
    } catch (Processes.TimedOut e) {
      throw new Failed("no answer: " + e.getMessage(), false);
    } catch (IOException e) {
      throw new Failed("could not run " + argv.get(0) + ": " + e.getMessage(), false);
    }
    if (done.exitCode() != 0) {
      throw failure(local ? "sh" : "ssh", done);
    }
    return done;
  }

  private Failed failure(String tool, Processes.Outcome done) {
    String words = done.stderr().strip();
    String last = words.lines().reduce((a, b) -> b).orElse("").strip().replaceAll("\\.$", "");
    String mine = "wall-cache: ";
    int code = done.exitCode();
    if (last.startsWith(mine)) {
      String said = last.substring(mine.length());
      return new Failed(
          switch (code) {
            case DIGEST_DIFFERS ->
                "the file did not arrive whole (" + said + "); it was deleted there";
            default -> said;
          },
          false);
    }
    if (!local && code == 255) {
      RemoteNodes.Unreached why = RemoteNodes.classify(code, words);
      boolean unreached = why != RemoteNodes.Unreached.OTHER;
      return new Failed(
          why.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
              + (last.isEmpty() ? "" : ": " + last),
          unreached);
    }
    return new Failed(
        tool + " failed (exit " + code + (last.isEmpty() ? ")" : "): " + last), false);
  }
}
