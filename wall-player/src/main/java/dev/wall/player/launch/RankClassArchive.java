package dev.wall.player.launch;

import dev.wall.player.plan.ShowPlan;
import dev.wall.player.process.ChildProcess;
import dev.wall.player.wire.RankLaunch;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * An application class-data archive (AppCDS) for the rank JVM: the classes a rank loads, already
 * parsed and verified, mapped shared by every rank on the machine. It cuts a rank's start-up by
 * about 40 % (0.72 to 0.41 CPU-seconds measured here), four times over on a 4-screen node. The
 * archive is only valid for this exact JVM and classpath, so its name is a digest of both. It is
 * recorded once, by a rank that only warms up, into the user's cache (it must outlive a reboot,
 * when the wall's autostart needs it most), and used by the ranks on this machine from then on.
 *
 * <p>mpirun puts its working folder first on a Java rank's classpath, and a class archive refuses a
 * classpath with a folder that holds anything. So mpirun runs in an empty folder of ours, {@link
 * #rankDirectory}, and the archive is recorded with that same classpath.
 */
public final class RankClassArchive {
  private static final Duration RECORD_TIMEOUT = Duration.ofSeconds(60);

  /**
   * Every upgrade (new jars) records a new archive of about 8 MB; the newest few are kept, in case
   * two installs share the cache. One that is pruned is only recorded again, in half a second.
   */
  static final int KEPT_ARCHIVES = 3;

  private final Path file;
  private final String java;
  private final String classpath;

  private final Path rankDirectory;

  public RankClassArchive(Path cacheDir, String java, String classpath) {
    this.java = java;
    this.rankDirectory = cacheDir.toAbsolutePath().resolve("ranks-start-here");
    this.classpath = rankDirectory + File.pathSeparator + classpath;
    this.file = cacheDir.resolve("rank-" + digest(java, classpath) + ".jsa");
  }

  /**
   * The archive for this JVM and classpath, in {@code $XDG_CACHE_HOME/wall} or {@code
   * ~/.cache/wall}.
   */
  public static RankClassArchive forThisJvm() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path cache =
        xdg != null && !xdg.isEmpty()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return new RankClassArchive(
        cache.resolve("wall").resolve("cds"),
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        System.getProperty("java.class.path"));
  }

  /**
   * A class archive takes only jar files (and empty folders) on the classpath; run from build
   * folders, as in tests, there is nothing to record.
   */
  public static boolean archivable(String classpath) {
    return Arrays.stream(classpath.split(File.pathSeparator))
        .allMatch(entry -> entry.isEmpty() || Files.isRegularFile(Path.of(entry)));
  }

  /** Records the archive unless it is there: once per install, about half a second. */
  public void ensureRecorded(ShowPlan plan) throws IOException {
    if (!exists() && archivable(classpath.substring(classpath.indexOf(File.pathSeparator) + 1))) {
      try {
        record(plan);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * The classpath a rank runs with, as the archive was recorded: a local rank gets it from mpirun
   * (its working folder first), a rank on another node is given it.
   */
  public String rankClasspath() {
    return classpath;
  }

  /** The empty folder mpirun must run in, for the ranks' classpath to match the archive's. */
  public Path rankDirectory() throws IOException {
    Files.createDirectories(rankDirectory);
    return rankDirectory;
  }

  /** The JVM option that uses the archive, when it has been recorded. */
  public Optional<String> option() {
    return Files.isReadable(file) ? Optional.of("-XX:SharedArchiveFile=" + file) : Optional.empty();
  }

  public boolean exists() {
    return Files.isReadable(file);
  }

  /**
   * Records the archive by running a rank that only warms up. Safe to race: the rename is atomic.
   */
  void record(ShowPlan plan) throws IOException, InterruptedException {
    Files.createDirectories(file.getParent());
    rankDirectory();
    Path partial =
        file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    List<String> argv = new ArrayList<>(List.of(java));
    argv.addAll(MpirunCommand.RANK_JVM_OPTIONS);
    argv.addAll(
        List.of(
            "-XX:ArchiveClassesAtExit=" + partial,
            "-Xlog:cds=off",
            "-Xlog:cds+dynamic=off",
            "-cp",
            classpath,
            MpirunCommand.RANK_MAIN));
    ShowPlan warmUp =
        new ShowPlan(
            plan.layoutFile(), plan.layout().withLoops(1), file.getParent(), null, false, null);
    argv.addAll(new RankLaunch(warmUp, true).args());
    Path log = file.resolveSibling("record.log");
    try (ChildProcess jvm = ChildProcess.start("record class archive", argv, log, Map.of())) {
      if (jvm.waitFor(RECORD_TIMEOUT).orElse(-1) == 0 && Files.size(partial) > 0) {
        Files.move(
            partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        pruneOlderArchives(file.getParent(), KEPT_ARCHIVES);
      }
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  /** Deletes all but the {@code keep} newest {@code rank-*.jsa} in {@code dir}. */
  static void pruneOlderArchives(Path dir, int keep) throws IOException {
    List<Path> archives;
    try (Stream<Path> files = Files.list(dir)) {
      archives =
          files
              .filter(f -> f.getFileName().toString().matches("rank-[0-9a-z]+\\.jsa"))
              .sorted(Comparator.comparing(RankClassArchive::modified).reversed())
              .toList();
    }
    for (Path old : archives.subList(Math.min(keep, archives.size()), archives.size())) {
      Files.deleteIfExists(old);
    }
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  /**
   * A name for this JVM and classpath (with each jar's size and time). Not a cryptographic digest:
   * MessageDigest loads the security providers, about 40 ms on the controller's path to mpirun, and
   * a name only has to change when what it names does.
   */
  private static String digest(String java, String classpath) {
    StringBuilder text =
        new StringBuilder(java)
            .append('\n')
            .append(System.getProperty("java.vm.version"))
            .append('\n');
    for (String entry : classpath.split(File.pathSeparator)) {
      Path jar = Path.of(entry);
      String stamp;
      try {
        stamp =
            Files.exists(jar)
                ? Files.size(jar) + "@" + Files.getLastModifiedTime(jar).toMillis()
                : "-";
      } catch (IOException e) {
        stamp = "?";
      }
      text.append(entry).append('=').append(stamp).append('\n');
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return String.format("%08x%08x", crc.getValue(), text.toString().hashCode());
  }
}
