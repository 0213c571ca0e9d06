package dev.wall.player.nodes;

import dev.wall.player.versions.InstalledVersion;
import dev.wall.player.versions.InstalledVersions;
import dev.wall.player.wire.Probe;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checks before a start answered on another node without starting Java there: one fixed POSIX
 * shell script ({@link #SCRIPT}, with {@link #MEDIA_CHECKS} as its first argument), run over the
 * wall's ssh as {@link NodeJava}'s is and beginning with the same lines ({@link NodeJava#PRELUDE}:
 * no Java, or no wall, is said the same way). It reads the {@link Probe} request on its standard
 * input with {@code read -r}: nothing from the layout is ever part of the script's text or
 * evaluated by it, and each value has passed {@link #answerable}'s allow-list first.
 *
 * <p>It answers what a start asks: the media share is there and mounted, each clip is there, the
 * node runs this wall (its jar's SHA-256 is this controller's, and so is mpi.jar's) on which Open
 * MPI ({@code mpirun --version}), and that no previous run left anything to sweep. Whatever it
 * cannot answer as {@link NodeProbe} would (PID files to sweep, a run folder that is not the user's
 * alone, another wall or mpi.jar there), it hands over within the same ssh session to {@link
 * NodeProbe} on the node's Java, the request fed again on its standard input, and that answer is
 * the node's. The answer's first line is {@link #ANSWERING}; {@link NodeProbe#STARTED} follows only
 * when Java was started.
 */
public final class QuickProbe {
  /** The script's {@code $0}. */
  static final String NAME = "wall-probe";

  /** The script's first line, once the node is reached and has Java and the wall. */
  static final String ANSWERING = "wall-probe: answering";

  /** The line before Java is started instead, with why. */
  static final String HANDED_OVER = "wall-probe: java";

  /** What the request adds for the script; {@link Probe.Request#parse} ignores these keys. */
  static final String WALL_SHA256 = "wall-sha256";

  static final String MPI_JAR = "mpijar";
  static final String MPI_JAR_SHA256 = "mpijar-sha256";

  /** How long the file checks, and mpirun, may take on the node (as {@link NodeProbe}'s). */
  static final int CHECK_SECONDS = 5;

  /**
   * The media share and the clips: reads {@code media-root} and {@code clip} lines on standard
   * input, prints {@link Probe.Answer}'s lines for them. Run under {@code timeout}, so that a share
   * that does not answer is said as a check that ran out of time.
   */
  static final String MEDIA_CHECKS =
      String.join(
          "\n",
          "root= ; set --",
          "while IFS= read -r line; do",
          "  case $line in",
          "  'media-root '*) root=${line#media-root } ;;",
          "  'clip '*) set -- \"$@\" \"${line#clip }\" ;;",
          "  end) break ;;",
          "  esac",
          "done",
          "if [ -n \"$root\" ]; then",
          "  if [ ! -d \"$root\" ]; then echo 'media-root missing'",
          "  elif [ -e \"$root/" + NodeProbe.NOT_MOUNTED_SENTINEL + "\" ]; then",
          "    echo 'media-root not-mounted'",
          "  else echo 'media-root ok'; fi",
          "fi",
          "for c in \"$@\"; do",
          "  if [ -d \"$c\" ]; then printf 'clip folder 0 - %s\\n' \"$c\"",
          "  elif [ ! -e \"$c\" ]; then printf 'clip missing 0 - %s\\n' \"$c\"",
          "  elif [ ! -r \"$c\" ]; then printf 'clip unreadable 0 - %s\\n' \"$c\"",
          "  elif s=$(stat -L -c %s -- \"$c\"); then printf 'clip ok %s - %s\\n' \"$s\" \"$c\"",
          "  else printf 'clip unreadable 0 - %s\\n' \"$c\"; fi",
          "done",
          "");

  /**
   * {@code $1} {@link #MEDIA_CHECKS}, then {@link NodeJava}'s arguments for a probe: {@code probe
   * WALL JVM-ARGUMENTS...}.
   */
  static final String SCRIPT =
      String.join(
          "\n",
          "media=$1; shift",
          NodeJava.PRELUDE,
          "echo '" + ANSWERING + "'",
          "me=$(id -u) || me=",
          "within() { if command -v timeout >/dev/null 2>&1; then timeout -s KILL \"$@\";"
              + " else shift; \"$@\"; fi; }",
          // The SHA-256 of a jar, or of a build's classes folder by its version files.
          "digest() {",
          "  if [ -d \"$1\" ]; then",
          "    cat -- \"$1/" + VersionFiles.RELEASE + "\" \"$1/" + VersionFiles.BUILD + "\"",
          "  else cat -- \"$1\"; fi 2>/dev/null | sha256sum | { read -r s rest; printf '%s' \"$s\"; }",
          "}",
          "trusted() { [ \"$1\" = 0 ] || [ \"$1\" = \"$me\" ]; }",
          // RunFolder.check's rules: the user's alone, and nobody else can swap it.
          "ours_alone() {",
          "  [ -n \"$me\" ] && [ -d \"$1\" ] && [ ! -L \"$1\" ] || return 1",
          "  s=$(stat -c '%u %a' -- \"$1\") || return 1",
          "  [ \"${s% *}\" = \"$me\" ] && [ $(( 0${s#* } & 077 )) -eq 0 ] || return 1",
          "  p=${1%/*}",
          "  while [ -n \"$p\" ]; do",
          "    if [ -L \"$p\" ]; then u=$(stat -c %u -- \"$p\") && trusted \"$u\" || return 1; fi",
          "    p=${p%/*}",
          "  done",
          "  p=$(readlink -f -- \"$1\") || return 1",
          "  while [ \"$p\" != / ]; do",
          "    p=${p%/*}; [ -n \"$p\" ] || p=/",
          "    s=$(stat -c '%u %a' -- \"$p\") && trusted \"${s% *}\" || return 1",
          "    if [ $(( 0${s#* } & 022 )) -ne 0 ] && [ $(( 0${s#* } & 01000 )) -eq 0 ]; then return 1; fi",
          "  done",
          "}",
          "creatable() {",
          "  p=$1; while [ -n \"$p\" ] && [ ! -e \"$p\" ]; do p=${p%/*}; done",
          "  [ -n \"$p\" ] || p=/",
          "  [ -d \"$p\" ] && [ -w \"$p\" ]",
          "}",
          "request= host= run= sweep= versions= want_wall= jar= want_jar=",
          "while IFS= read -r line; do",
          "  [ \"$line\" = end ] && break",
          "  request=\"$request$line",
          "\"",
          "  case $line in",
          "  'host '*) host=${line#host } ;;",
          "  'run-dir '*) run=${line#run-dir } ;;",
          "  sweep) sweep=1 ;;",
          "  versions) versions=1 ;;",
          "  '" + WALL_SHA256 + " '*) want_wall=${line#" + WALL_SHA256 + " } ;;",
          "  '" + MPI_JAR + " '*) jar=${line#" + MPI_JAR + " } ;;",
          "  '" + MPI_JAR_SHA256 + " '*) want_jar=${line#" + MPI_JAR_SHA256 + " } ;;",
          "  esac",
          "done",
          "slow=",
          "if [ -n \"$sweep\" ] && [ -n \"$run\" ]; then",
          "  if [ -e \"$run\" ] || [ -L \"$run\" ]; then",
          "    if ! ours_alone \"$run\"; then slow='a run folder that is not the user'\\''s alone'",
          "    else",
          "      for f in \"$run/pids/$host\"/rank-*; do",
          "        if [ -e \"$f\" ] || [ -L \"$f\" ]; then slow='a previous run to sweep'; break; fi",
          "      done",
          "    fi",
          "  elif ! creatable \"$run\"; then slow='a run folder that cannot be made'",
          "  fi",
          "fi",
          "if [ -z \"$slow\" ] && [ -n \"$versions\" ]; then",
          "  if [ -z \"$want_wall\" ] || [ \"$(digest \"$wall\")\" != \"$want_wall\" ]; then",
          "    slow='another wall'",
          "  elif [ -z \"$jar\" ] || [ \"$(digest \"$jar\")\" != \"$want_jar\" ]; then",
          "    slow='another mpi.jar'",
          "  fi",
          "fi",
          "if [ -n \"$slow\" ]; then",
          "  echo \"" + HANDED_OVER + " for $slow\"",
          "  echo " + NodeJava.STARTING,
          "  printf '%send\\n' \"$request\" | \"$java\" \"$@\"",
          "  exit",
          "fi",
          "found=$(printf '%send\\n' \"$request\" | within "
              + CHECK_SECONDS
              + " sh -c \"$media\""
              + " wall-probe-media); code=$?",
          "[ -z \"$found\" ] || printf '%s\\n' \"$found\"",
          "if [ $code -ne 0 ]; then",
          "  case $found in 'media-root '*) ;; *) echo 'timeout media-root "
              + CHECK_SECONDS
              + "s' ;; esac",
          "  echo 'timeout clips " + CHECK_SECONDS + "s'",
          "fi",
          "if [ -n \"$versions\" ]; then",
          "  mpi=",
          "  if command -v mpirun >/dev/null 2>&1; then",
          "    said=$(within " + CHECK_SECONDS + " mpirun --version </dev/null 2>&1); code=$?",
          "    if [ $code -eq 137 ] || [ $code -eq 124 ]; then echo 'timeout versions "
              + CHECK_SECONDS
              + "s'; fi",
          "    mpi=$(printf '%s\\n' \"$said\" |"
              + " sed -n 's/.*(Open MPI) \\([0-9][0-9]*\\.[0-9][0-9]*\\.[0-9][0-9]*\\).*/\\1/p' |"
              + " head -n 1)",
          "  fi",
          "  echo \"version "
              + InstalledVersions.OPEN_MPI
              + " ${mpi:-"
              + InstalledVersions.MISSING
              + "}\"",
          "fi",
          "echo 'swept 0'",
          "echo end",
          "");

  /** A host name as the layout's validator takes it. */
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,252}");

  private QuickProbe() {}

  /** Where a build's version files lie under the wall's classes folder. */
  static final class VersionFiles {
    static final String RELEASE = "dev/wall/player/versions/release.properties";
    static final String BUILD = "dev/wall/player/versions/build.properties";

    private VersionFiles() {}
  }

  /**
   * Whether the script can be asked {@code request}: it asks only what a start asks, and every
   * value in it is a plain host name or a plain absolute path (no control character, no {@code .}
   * or {@code ..} step), which the script then reads as one line of data. Anything else goes to
   * {@link NodeProbe} on the node's Java, as before.
   */
  static boolean answerable(Probe.Request request, Optional<Identity> mine) {
    return !request.checksums()
        && request.player() == null
        && request.display() == null
        && !request.facts()
        && request.logs().isEmpty()
        && !request.decoding()
        && request.host() != null
        && HOST.matcher(request.host()).matches()
        && (request.runDir() == null || plain(request.runDir()))
        && (request.mediaRoot() == null || plain(request.mediaRoot()))
        && request.clips().stream().allMatch(QuickProbe::plain)
        && (!request.versions() || mine.isPresent());
  }

  /** An absolute path, already normal, with no control character in it. */
  static boolean plain(Path path) {
    String text = path.toString();
    return path.isAbsolute()
        && path.normalize().toString().equals(text)
        && text.chars().noneMatch(c -> c < 0x20 || c == 0x7F);
  }

  /** The script's argv on the node, as {@link NodeJava#command}'s with the script in front. */
  static List<String> command(List<String> jvmOptions, String classpath) {
    List<String> java =
        NodeJava.command(NodeJava.Kind.PROBE, jvmOptions, classpath, NodeProbe.MAIN, List.of());
    List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", SCRIPT, NAME, MEDIA_CHECKS));
    command.addAll(java.subList(4, java.size()));
    return command;
  }

  /** The request's lines for the script: {@link Probe.Request#lines}, and what the wall is here. */
  static List<String> lines(Probe.Request request, Optional<Identity> mine) {
    List<String> lines = new ArrayList<>(request.lines());
    lines.remove(lines.size() - 1);
    if (request.versions() && mine.isPresent()) {
      lines.add(WALL_SHA256 + " " + mine.get().wallSha256());
      lines.add(MPI_JAR + " " + mine.get().mpiJar());
      lines.add(MPI_JAR_SHA256 + " " + mine.get().mpiJarSha256());
    }
    lines.add("end");
    return lines;
  }

  /** Whether the node's answer came from the script, without Java. */
  static boolean withoutJava(List<String> lines) {
    return lines.contains(ANSWERING)
        && lines.stream().noneMatch(l -> l.startsWith(NodeProbe.STARTED + " "));
  }

  /**
   * The script's answer read as {@link NodeProbe}'s: it answered only when the node's wall and
   * mpi.jar are this controller's, so their versions are this controller's.
   */
  static Probe.Answer answer(List<String> lines, Probe.Request request, Optional<Identity> mine) {
    Probe.Answer said = Probe.Answer.parse(lines);
    if (!request.versions() || mine.isEmpty()) {
      return said;
    }
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put(InstalledVersions.WALL, mine.get().wall());
    String mpi = said.versions().get(InstalledVersions.OPEN_MPI);
    if (mpi != null) {
      versions.put(InstalledVersions.OPEN_MPI, mpi);
    }
    versions.put(InstalledVersions.MPI_JAR, mine.get().mpiJarVersion());
    return new Probe.Answer(
        versions,
        said.resolves(),
        said.mediaRoot(),
        said.clips(),
        said.player(),
        said.playerProblem(),
        said.display(),
        said.facts(),
        said.swept(),
        said.left(),
        said.refused(),
        said.timeouts(),
        said.logs(),
        said.media(),
        said.stack());
  }

  /**
   * What this controller runs, by content: a node whose files hash the same runs the same wall on
   * the same mpi.jar.
   *
   * @param wall the wall's release and commit ({@link InstalledVersion#wall})
   * @param wallSha256 of its jar, or of a classes folder's version files
   * @param mpiJar where mpi.jar is (the same path on every node)
   * @param mpiJarVersion the Open MPI it was built for
   */
  record Identity(
      String wall, String wallSha256, Path mpiJar, String mpiJarSha256, String mpiJarVersion) {

    /** This JVM's, worked out once; empty without mpi.jar or a wall found on disk. */
    static Optional<Identity> here() {
      return Holder.HERE;
    }

    private static final class Holder {
      static final Optional<Identity> HERE = find();
    }

    private static Optional<Identity> find() {
      try {
        Path wall = Path.of(NodeJava.wall());
        Class<?> mpi = Class.forName("mpi.MPI", false, QuickProbe.class.getClassLoader());
        Path jar = Path.of(mpi.getProtectionDomain().getCodeSource().getLocation().toURI());
        InstalledVersion build = InstalledVersion.build();
        if (!Files.isRegularFile(jar) || build.mpiJar() == null) {
          return Optional.empty();
        }
        List<Path> wallFiles =
            Files.isDirectory(wall)
                ? List.of(wall.resolve(VersionFiles.RELEASE), wall.resolve(VersionFiles.BUILD))
                : List.of(wall);
        return Optional.of(
            new Identity(
                build.wall(), sha256(wallFiles), jar, sha256(List.of(jar)), build.mpiJar()));
      } catch (ClassNotFoundException
          | IOException
          | java.net.URISyntaxException
          | RuntimeException e) {
        return Optional.empty();
      }
    }
  }

  /** The SHA-256 of these files one after the other, those that exist, as the script's. */
  static String sha256(List<Path> files) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[65536];
      for (Path file : files) {
        if (!Files.isRegularFile(file)) {
          continue;
        }
        try (InputStream in = Files.newInputStream(file)) {
          for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
          }
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
