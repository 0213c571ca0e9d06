package dev.wall.player.testing;

import dev.wall.player.process.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A Debian bookworm arm64 root, as on a Pi with 64-bit Raspberry Pi OS underneath: made with
 * debootstrap ({@code --variant=minbase}) and the root's own apt, and run under qemu-user through
 * binfmt_misc. It holds what the wall's package depends on and recommends (read from {@code
 * wall-dist}'s control file), and what a node needs besides (openssh-server, procps).
 *
 * <p>Making it takes ten minutes or more (every package is configured emulated), so it is made once
 * per package list, by {@code src/test/arm64/make-root} (the one recipe, which bin/test also starts
 * early in the background): kept as a tarball in {@code ~/.cache/wall/arm64-root/}, named by a
 * digest of the list, written under another name and renamed when complete, and made by one process
 * at a time. Each test JVM unpacks its own copy once ({@link #shared}, a few seconds) and deletes
 * it at exit.
 *
 * <p>Nothing is ever mounted into the copy in this machine's own mount namespace: commands in it
 * ({@link #run}, and a cluster node's sshd, {@link NamespaceCluster}) run in a mount namespace of
 * their own, where {@link #SETUP} mounts /proc, a small /dev and the shared folders, which vanish
 * with that namespace. Before deleting the copy, {@link #close} still checks this machine's mount
 * table for anything under it, unmounts it, and deletes with {@code rm --one-file-system}, so a
 * bind of /dev can never be walked into.
 */
public final class Arm64Root implements AutoCloseable {
  /** The release the wall's nodes run (Raspberry Pi OS Bookworm is Debian bookworm). */
  public static final String SUITE = "bookworm";

  /**
   * Making the root, the first time: about ten minutes on an idle machine, twice that on a busy
   * one.
   */
  private static final Duration MAKE_ROOT = Duration.ofMinutes(60);

  private static final Pattern OWNED = Pattern.compile("^wall-arm64-(\\d+)-[0-9a-z]+$");

  /**
   * Run inside a fresh mount namespace: {@code SETUP ROOT HOSTNAME MODEL RUN HOSTS SHARED... --
   * CMD...}. Mounts /proc, a read-only /sys with a device tree of its own ({@code MODEL}, as a Pi's
   * firmware gives it, or {@code -} for none), a /dev of a few devices, the node's /run and
   * /etc/hosts ({@code -} for none) and each shared folder at its own path, then runs CMD chrooted
   * in ROOT.
   */
  static final String SETUP =
      String.join(
          "\n",
          "set -e",
          "root=$1 name=$2 model=$3 run=$4 hosts=$5; shift 5",
          "if [ \"$name\" != - ]; then hostname \"$name\"; fi",
          "mount -t proc proc \"$root/proc\"",
          "mount -t sysfs -o ro sysfs \"$root/sys\"",
          "mount -t tmpfs -o mode=0755,size=1m firmware \"$root/sys/firmware\"",
          "mkdir -p \"$root/sys/firmware/devicetree/base\"",
          "if [ \"$model\" != - ]; then",
          "  printf '%s\\000' \"$model\" > \"$root/sys/firmware/devicetree/base/model\"",
          "fi",
          "mount -t tmpfs -o mode=0755,size=1m dev \"$root/dev\"",
          "for d in null zero full random urandom tty; do",
          "  : > \"$root/dev/$d\"; mount --bind \"/dev/$d\" \"$root/dev/$d\"",
          "done",
          "mkdir \"$root/dev/pts\" \"$root/dev/shm\"",
          "mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts \"$root/dev/pts\"",
          "ln -s pts/ptmx \"$root/dev/ptmx\"",
          "mount -t tmpfs -o mode=1777 shm \"$root/dev/shm\"",
          "ln -s /proc/self/fd \"$root/dev/fd\"",
          "ln -s /proc/self/fd/0 \"$root/dev/stdin\"; ln -s /proc/self/fd/1 \"$root/dev/stdout\"",
          "ln -s /proc/self/fd/2 \"$root/dev/stderr\"",
          "if [ \"$run\" != - ]; then mount --bind \"$run\" \"$root/run\"; fi",
          "if [ \"$hosts\" != - ]; then",
          "  if [ ! -e \"$root/etc/hosts\" ]; then : > \"$root/etc/hosts\"; fi",
          "  mount --bind \"$hosts\" \"$root/etc/hosts\"",
          "fi",
          "while [ \"$1\" != -- ]; do",
          "  mkdir -p \"$root$1\"; mount --bind \"$1\" \"$root$1\"; shift",
          "done",
          "shift",
          "exec chroot \"$root\" \"$@\"",
          "");

  private static Arm64Root shared;
  private static IOException failed;

  private final Path dir;
  private final Timings timings;
  private final Thread hook;
  private volatile boolean closed;

  /**
   * What making this copy cost.
   *
   * @param built seconds of debootstrap and packing, or 0 when the tarball was there
   * @param restored seconds to unpack the tarball
   * @param tarball the cached tarball
   */
  public record Timings(double built, double restored, Path tarball) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "arm64 root: %s%.1f s to unpack %s",
          built > 0
              ? String.format(Locale.ROOT, "made with debootstrap in %.1f s (first run), ", built)
              : "from the cache, ",
          restored,
          tarball);
    }
  }

  private Arm64Root(Path dir, Timings timings) {
    this.dir = dir;
    this.timings = timings;
    this.hook = new Thread(this::deleteQuietly, "arm64-root-delete");
  }

  /**
   * This JVM's copy, made (or unpacked) on first use and deleted when the JVM exits. A root that
   * could not be made is not tried again in this JVM: every later test fails at once, with the same
   * reason.
   */
  public static synchronized Arm64Root shared() throws IOException, InterruptedException {
    if (failed != null) {
      throw new IOException(
          "the arm64 root could not be made earlier in this run: " + failed.getMessage(), failed);
    }
    if (shared == null || shared.closed) {
      Path dir =
          Files.createTempDirectory(
              Path.of(System.getProperty("java.io.tmpdir")),
              "wall-arm64-" + ProcessHandle.current().pid() + "-");
      try {
        shared = unpack(dir);
      } catch (IOException e) {
        failed = e;
        delete(dir);
        throw e;
      }
      Runtime.getRuntime().addShutdownHook(shared.hook);
    }
    return shared;
  }

  /** The root's folder on this machine. */
  public Path dir() {
    return dir;
  }

  public Timings timings() {
    return timings;
  }

  /**
   * Requires emulation of arm64: registers qemu-aarch64 with binfmt_misc when it is not (mounting
   * binfmt_misc first where needed, as bin/bootstrap --test does). Where that cannot be done, CI
   * ({@code CI=true}) fails, saying why; elsewhere the test is skipped.
   */
  public static void requireEmulation() throws IOException, InterruptedException {
    String why = emulationProblem();
    if (why == null) {
      return;
    }
    Path misc = Path.of("/proc/sys/fs/binfmt_misc");
    if (!Files.exists(misc.resolve("status"))) {
      quiet(List.of("mount", "-t", "binfmt_misc", "binfmt_misc", misc.toString()));
    }
    if (Files.isExecutable(Path.of("/usr/sbin/update-binfmts"))) {
      quiet(List.of("update-binfmts", "--enable", "qemu-aarch64"));
    }
    why = emulationProblem();
    if (why == null) {
      return;
    }
    if ("true".equals(System.getenv("CI"))) {
      throw new AssertionError("arm64 emulation is required in CI and is not available: " + why);
    }
    Assumptions.abort("no arm64 emulation: " + why);
  }

  /** Why arm64 programs cannot run here, or null when they can. */
  static String emulationProblem() throws IOException {
    if (!isRoot()) {
      return "the arm64 root needs root (debootstrap, chroot, mounts)";
    }
    for (String tool :
        List.of(
            "/usr/sbin/debootstrap",
            "/usr/bin/qemu-aarch64-static",
            "/usr/bin/unshare",
            "/usr/sbin/chroot",
            "/usr/bin/zstd")) {
      if (!Files.isExecutable(Path.of(tool))) {
        return tool
            + " is missing; run bin/bootstrap --test (it installs qemu-user-static, binfmt-support,"
            + " debootstrap and zstd)";
      }
    }
    Path misc = Path.of("/proc/sys/fs/binfmt_misc");
    if (!Files.exists(misc.resolve("status"))) {
      return "binfmt_misc is not mounted at "
          + misc
          + " and could not be (the kernel may lack it, or this"
          + " is a container without the right to mount it)";
    }
    Path entry = misc.resolve("qemu-aarch64");
    if (!Files.exists(entry)) {
      return "qemu-aarch64 is not registered with binfmt_misc (update-binfmts --enable qemu-aarch64 failed)";
    }
    String text = Files.readString(entry);
    if (!text.startsWith("enabled")) {
      return "qemu-aarch64 is registered with binfmt_misc but disabled";
    }
    if (!text.matches("(?s).*flags: \\w*F\\w*.*")) {
      return "qemu-aarch64 is registered without the F flag, so a chroot cannot find qemu: "
          + text.strip();
    }
    return null;
  }

  /**
   * The script that makes the root (the one recipe; bin/test starts it early, in the background).
   */
  static Path makeRoot() {
    return Project.root().resolve("wall-player/src/test/arm64/make-root");
  }

  /**
   * Unpacks the cached root into {@code dir}, making the tarball first if there is none (the script
   * waits for a build under way, and raises its priority).
   */
  private static Arm64Root unpack(Path dir) throws IOException, InterruptedException {
    requireEmulation();
    deleteOrphans();
    // Through the process runner: stopped with its steps (debootstrap, the root's apt) by the stop
    // contract when it overruns, and by the runner's shutdown hook when this JVM ends meanwhile.
    Processes.Outcome making;
    try {
      making = Processes.run(List.of(makeRoot().toString()), new byte[0], MAKE_ROOT, Map.of());
    } catch (Processes.TimedOut e) {
      throw new IOException(
          "the arm64 root was not made within "
              + MAKE_ROOT
              + " (it was stopped); its log is"
              + " beside the tarball in ~/.cache/wall/arm64-root/",
          e);
    }
    String text = making.stdout() + making.stderr();
    if (making.exitCode() != 0) {
      throw new IOException("the arm64 root could not be made: " + text.strip());
    }
    text.lines().filter(l -> l.startsWith("arm64 root: ")).forEach(System.out::println);
    Matcher tarball = Pattern.compile("(?m)^tarball (.+)$").matcher(text);
    if (!tarball.find()) {
      throw new IOException("make-root named no tarball: " + text.strip());
    }
    Matcher made = Pattern.compile("(?m)^made in (\\d+) s$").matcher(text);
    double built = made.find() ? Double.parseDouble(made.group(1)) : 0;
    long started = System.nanoTime();
    run(
        List.of(
            "tar",
            "-I",
            "zstd -T0",
            "--numeric-owner",
            "-xpf",
            tarball.group(1),
            "-C",
            dir.toString()),
        Duration.ofMinutes(5));
    Arm64Root root =
        new Arm64Root(
            dir,
            new Timings(built, (System.nanoTime() - started) / 1e9, Path.of(tarball.group(1))));
    System.out.println(root.timings());
    return root;
  }

  /**
   * {@code argv} run in this root as root, in mount, UTS and network namespaces of its own (no
   * network: nothing in it can reach out), with {@code shared} folders at their own paths.
   */
  public List<String> command(List<Path> shared, List<String> argv) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "unshare",
                "--mount",
                "--uts",
                "--net",
                "--propagation",
                "private",
                "sh",
                "-c",
                SETUP,
                "arm64-root",
                dir.toString(),
                "-",
                "-",
                "-",
                "-"));
    shared.forEach(p -> all.add(p.toAbsolutePath().normalize().toString()));
    all.add("--");
    all.addAll(argv);
    return all;
  }

  /** Runs {@code argv} in the root ({@link #command}) to its end: its exit code and output. */
  public Result run(List<Path> shared, List<String> argv, Duration timeout)
      throws IOException, InterruptedException {
    try {
      Processes.Outcome done = Processes.run(command(shared, argv), new byte[0], timeout, Map.of());
      return new Result(done.exitCode(), done.stdout() + done.stderr());
    } catch (Processes.TimedOut e) {
      throw new IOException(
          argv + " in the arm64 root did not finish within " + timeout + " (it was stopped)", e);
    }
  }

  /** A command's end in the root. */
  public record Result(int code, String output) {}

  @Override
  public void close() {
    synchronized (Arm64Root.class) {
      if (shared == this) {
        shared = null;
      }
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // Shutting down: this is the hook.
    }
    deleteQuietly();
  }

  private void deleteQuietly() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      delete(dir);
    } catch (IOException | InterruptedException e) {
      System.err.println("arm64 root " + dir + " was not deleted: " + e.getMessage());
    }
  }

  /**
   * Deletes a root: first whatever this machine's mount table has under it is unmounted (deepest
   * first); if anything stays mounted, nothing is deleted. Then {@code rm --one-file-system}, which
   * does not cross into another file system even so.
   */
  static void delete(Path root) throws IOException, InterruptedException {
    Path real = root.toRealPath();
    List<String> mounted = mountsUnder(real);
    for (String point : mounted) {
      try {
        runAtExit(List.of("umount", "-R", point), Duration.ofSeconds(30));
      } catch (IOException e) {
        // Said by the check that follows.
      }
    }
    mounted = mountsUnder(real);
    if (!mounted.isEmpty()) {
      throw new IOException("still mounted under " + real + ": " + mounted + "; not deleting it");
    }
    runAtExit(
        List.of("rm", "-rf", "--one-file-system", "--", real.toString()), Duration.ofMinutes(5));
  }

  /**
   * {@code argv} to its end, started directly rather than by the process runner: a root is deleted
   * from a shutdown hook too, when the runner no longer starts anything (its own hook is stopping
   * its children). Stopped with its children when it overruns.
   */
  private static void runAtExit(List<String> argv, Duration timeout)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("wall-arm64", ".out");
    try {
      Process p =
          new ProcessBuilder(argv)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      if (!p.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        throw new IOException(String.join(" ", argv) + " did not finish within " + timeout);
      }
      if (p.exitValue() != 0) {
        throw new IOException(
            String.join(" ", argv)
                + " failed ("
                + p.exitValue()
                + "): "
                + Files.readString(out).strip());
      }
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /** Mount points at or under {@code dir} in this mount namespace, deepest first. */
  static List<String> mountsUnder(Path dir) throws IOException {
    Set<String> points = new LinkedHashSet<>();
    String prefix = dir.toString();
    for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
      String[] fields = line.split(" ");
      if (fields.length > 4) {
        String point = fields[4].replace("\\040", " ");
        if (point.equals(prefix) || point.startsWith(prefix + "/")) {
          points.add(point);
        }
      }
    }
    List<String> sorted = new ArrayList<>(points);
    sorted.sort((a, b) -> b.length() - a.length());
    return sorted;
  }

  /**
   * Copies left by test JVMs that died before deleting them (after their nodes, which may still run
   * there).
   */
  private static void deleteOrphans() {
    NamespaceCluster.tearDownOrphans();
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try (Stream<Path> entries = Files.list(tmp)) {
      for (Path entry : entries.toList()) {
        Matcher m = OWNED.matcher(entry.getFileName().toString());
        if (m.matches()
            && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()
            && Files.isDirectory(entry)) {
          try {
            delete(entry);
          } catch (IOException | InterruptedException e) {
            System.err.println("an orphaned arm64 root was left: " + entry + ": " + e.getMessage());
          }
        }
      }
    } catch (IOException e) {
      // Nothing to clean.
    }
  }

  static String run(List<String> argv, Duration timeout) throws IOException, InterruptedException {
    Processes.Outcome done = Processes.run(argv, new byte[0], timeout, Map.of());
    String text = done.stdout() + done.stderr();
    if (done.exitCode() != 0) {
      throw new IOException(
          String.join(" ", argv) + " failed (" + done.exitCode() + "): " + text.strip());
    }
    return text;
  }

  private static void quiet(List<String> argv) throws InterruptedException {
    try {
      run(argv, Duration.ofSeconds(30));
    } catch (IOException e) {
      // Said by the check that follows.
    }
  }

  private static boolean isRoot() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
