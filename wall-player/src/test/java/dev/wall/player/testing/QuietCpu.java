package dev.wall.player.testing;

import dev.wall.core.testing.RepoFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a {@link Quiet} test the CPU of this 2-core machine, where other tests run beside it (in
 * other JVMs, and in the module Maven builds next to this one). It first takes the build's quiet
 * lock (a file lock in the checkout's target/, so one quiet test runs at a time, whichever JVM or
 * module it is in), then raises this JVM and every process it started to nice {@value #QUIET_NICE},
 * which whatever it starts from then on inherits: the scheduler runs its players and ranks first as
 * they wake, while the other tests take the rest of the CPU. At the end it goes back to the JVM's
 * own priority and lets the next one in. A JVM whose tests have nothing else to do while they wait
 * (bench's) lets the others go first. Raising a priority needs root, as the suite does; without it
 * the test still runs, only without the priority.
 */
public final class QuietCpu
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(QuietCpu.class);

  /** About three times the CPU weight of a normal process; the test uses well under one core. */
  static final int QUIET_NICE = -5;

  private static final int OWN_NICE = ownNice();

  /**
   * Whether this JVM's quiet tests let every other's go first (-Dwall.quiet.yield=true): bench's,
   * whose JVMs have nothing else to do while they wait, where a waiting wall-player JVM holds up
   * the tests queued behind it.
   */
  private static final boolean YIELDS = Boolean.getBoolean("wall.quiet.yield");

  private static final Path WANTED = RepoFiles.root().resolve("target/quiet-cpu.wanted");

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    begin(context);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    end(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    if (!onClass(context)) {
      begin(context);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    if (!onClass(context)) {
      end(context);
    }
  }

  /** Quiet as a class: the lock is held from before its first test to after its last. */
  private static boolean onClass(ExtensionContext context) {
    return context.getRequiredTestClass().isAnnotationPresent(Quiet.class);
  }

  private static void begin(ExtensionContext context) throws Exception {
    Path file = RepoFiles.root().resolve("target/quiet-cpu.lock");
    Files.createDirectories(WANTED);
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    long asked = System.nanoTime();
    FileLock lock = YIELDS ? lockAfterTheOthers(channel) : lockAheadOfYielders(channel);
    double waited = (System.nanoTime() - asked) / 1e9;
    if (waited >= 1) {
      System.out.printf("quiet: %s waited %.1f s for the CPU%n", context.getDisplayName(), waited);
    }
    context.getStore(NAMESPACE).put(FileLock.class, lock);
    renice(QUIET_NICE);
  }

  /** Says it waits (a file named by this process and thread, while it waits), then waits. */
  private static FileLock lockAheadOfYielders(FileChannel channel) throws IOException {
    Path wanted =
        WANTED.resolve(ProcessHandle.current().pid() + "-" + Thread.currentThread().getId());
    Files.deleteIfExists(wanted);
    Files.createFile(wanted);
    try {
      return channel.lock();
    } finally {
      Files.deleteIfExists(wanted);
    }
  }

  /** Takes the lock only when no quiet test that goes first is waiting for it. */
  private static FileLock lockAfterTheOthers(FileChannel channel) throws Exception {
    while (true) {
      FileLock lock = channel.lock();
      if (!othersWaiting()) {
        return lock;
      }
      lock.release();
      Poll.until(
          Duration.ofHours(1),
          Duration.ofMillis(200),
          "the quiet tests that go first",
          () -> !othersWaiting());
    }
  }

  /** Whether a live process says one of its quiet tests waits; a dead one's word is dropped. */
  private static boolean othersWaiting() throws IOException {
    boolean waiting = false;
    try (Stream<Path> files = Files.list(WANTED)) {
      for (Path file : files.toList()) {
        long pid = Long.parseLong(file.getFileName().toString().split("-")[0]);
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          waiting = true;
        } else {
          Files.deleteIfExists(file);
        }
      }
    }
    return waiting;
  }

  private static void end(ExtensionContext context) throws IOException {
    FileLock lock = context.getStore(NAMESPACE).remove(FileLock.class, FileLock.class);
    if (lock != null) {
      renice(OWN_NICE);
      lock.release();
      lock.channel().close();
    }
  }

  /**
   * Every thread of this JVM and of the processes it started, to {@code nice}; what a {@link
   * Beside} test started stays at the lowest priority.
   */
  private static void renice(int nice) {
    // --priority is absolute in every util-linux (-n is relative under POSIXLY_CORRECT).
    List<String> argv =
        new ArrayList<>(List.of("renice", "--priority", String.valueOf(nice), "-p"));
    tasks(ProcessHandle.current().pid(), argv);
    ProcessHandle.current()
        .descendants()
        .filter(p -> niceOf(String.valueOf(p.pid())) != Beside.NICE)
        .forEach(p -> tasks(p.pid(), argv));
    try {
      Process renice =
          new ProcessBuilder(argv)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!renice.waitFor(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)) {
        renice.destroyForcibly();
      }
    } catch (IOException e) {
      // No renice: the test runs at the priority it has.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A process's threads: the nice value is each thread's own. */
  private static void tasks(long pid, List<String> into) {
    try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
      tasks.forEach(t -> into.add(t.getFileName().toString()));
    } catch (IOException e) {
      // Gone meanwhile.
    }
  }

  /** This JVM's nice value at its start, to go back to. */
  private static int ownNice() {
    return niceOf("self");
  }

  /** A process's nice value (field 19 of its stat); 0 when it is gone. */
  private static int niceOf(String pid) {
    try {
      String stat = Files.readString(Path.of("/proc", pid, "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Integer.parseInt(fields[16]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
