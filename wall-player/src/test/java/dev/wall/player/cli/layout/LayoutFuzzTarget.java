package dev.wall.player.cli.layout;

import dev.wall.core.layout.InvalidLayoutException;
import dev.wall.core.layout.LayoutReader;
import dev.wall.player.testing.Cli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One fuzz input through {@code wall validate}, as a technician runs it: the bytes are the layout
 * file, and the whole CLI runs in-process. The property: exit 0 with "FILE: ok", or exit 2 with
 * problem lines that name the file; never another code, a stack trace or a control character on the
 * terminal; at most 2 s of CPU and 64 MB allocated per input. A broken property throws, which
 * Jazzer reports as a finding (and the unit test as a failure).
 *
 * <p>Jazzer drives it in a child JVM ({@code fuzzerTestOneInput}); {@link LayoutFuzzTest} calls it
 * in-process. Set the system property {@code wall.fuzz.stats} to a file to get the figures there.
 */
public final class LayoutFuzzTarget {
  static final long MAX_CPU_NANOS = 2_000_000_000L;
  static final long MAX_ALLOCATED_BYTES = 64L * 1024 * 1024;

  /** A frame of a stack trace; an exception that escapes the CLI's handler ends as exit 1. */
  private static final Pattern STACK_LINE = Pattern.compile("(?m)^\\s+at [\\w$.]+\\(");

  private static final Pattern RAW_CONTROL =
      Pattern.compile("[\\p{Cc}&&[^\\n]]|[\\u2028\\u2029\\u202a-\\u202e]");
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /**
   * Through the whole CLI in-process (the default), or, with {@code -Dwall.fuzz.direct=true}, the
   * same reading and printing without picocli, which is most of the time of a run: the
   * coverage-guided run tries about 50 times as many inputs so, and its corpus is replayed through
   * the CLI afterwards.
   */
  private static final boolean THROUGH_CLI = !Boolean.getBoolean("wall.fuzz.direct");

  private static Path file;
  private static long inputs;
  private static long worstCpuNanos;
  private static long worstWallNanos;
  private static long worstAllocated;
  private static long exit0;
  private static long exit2;

  private LayoutFuzzTarget() {}

  /**
   * Jazzer calls it once, first: every seed runs before the fuzzing starts, so that loading (and
   * instrumenting) the CLI's classes is not counted against an input. The figures start after it.
   */
  public static void fuzzerInitialize() throws IOException {
    warmUp();
  }

  /** Every seed, its property checked but not its time and memory: the classes load meanwhile. */
  static void warmUp() throws IOException {
    for (byte[] seed : LayoutFuzzSeeds.all()) {
      check(seed, false);
    }
    resetStats();
  }

  static synchronized void resetStats() {
    inputs = 0;
    exit0 = 0;
    exit2 = 0;
    worstCpuNanos = 0;
    worstWallNanos = 0;
    worstAllocated = 0;
  }

  /**
   * Replays layout files (a fuzzer's corpus) through the property, in a JVM of its own, such as one
   * started with -Xmx64m; exit 0 when every file kept it, and the figures on stdout.
   */
  public static void main(String[] folders) throws IOException {
    warmUp();
    for (String folder : folders) {
      try (var files = Files.list(Path.of(folder))) {
        for (Path input : files.sorted().toList()) {
          check(Files.readAllBytes(input));
        }
      }
    }
    System.out.println("replay: " + stats());
  }

  /** Jazzer's entry point. */
  public static void fuzzerTestOneInput(byte[] data) {
    check(data);
    if (inputs % 1000 == 0) {
      writeStats();
    }
  }

  /** Jazzer calls it when the run ends. */
  public static void fuzzerTearDown() {
    writeStats();
  }

  /** Runs {@code wall validate} on {@code data} and checks the property; throws when it breaks. */
  static void check(byte[] data) {
    check(data, true, THROUGH_CLI);
  }

  /** As {@link #check(byte[])}, reading and printing as the CLI does, without picocli. */
  static void checkDirect(byte[] data) {
    check(data, true, false);
  }

  private static void check(byte[] data, boolean bounded) {
    check(data, bounded, THROUGH_CLI);
  }

  private static void check(byte[] data, boolean bounded, boolean throughCli) {
    Path layout = write(data);
    long thread = Thread.currentThread().getId();
    long allocatedBefore = THREADS.getThreadAllocatedBytes(thread);
    long cpuBefore = THREADS.getCurrentThreadCpuTime();
    long wallBefore = System.nanoTime();
    Cli run = throughCli ? Cli.run("validate", layout) : validate(layout);
    long wall = System.nanoTime() - wallBefore;
    long cpu = THREADS.getCurrentThreadCpuTime() - cpuBefore;
    long allocated = THREADS.getThreadAllocatedBytes(thread) - allocatedBefore;
    synchronized (LayoutFuzzTarget.class) {
      inputs++;
      worstCpuNanos = Math.max(worstCpuNanos, cpu);
      worstWallNanos = Math.max(worstWallNanos, wall);
      worstAllocated = Math.max(worstAllocated, allocated);
    }
    String said = run.out() + run.err();
    if (run.code() == 0) {
      exit0++;
      expect(
          run.err().isEmpty() && run.out().equals(layout + ": ok\n"), "exit 0 without 'ok'", run);
    } else if (run.code() == 2) {
      exit2++;
      expect(!run.errLines().isEmpty(), "exit 2 without a message", run);
      for (String line : run.errLines()) {
        expect(
            line.startsWith(layout + ": ") && line.length() > layout.toString().length() + 2,
            "a line that does not name the file",
            run);
      }
    } else {
      expect(false, "exit " + run.code(), run);
    }
    expect(!STACK_LINE.matcher(said).find(), "a stack trace or an exception", run);
    expect(!RAW_CONTROL.matcher(said).find(), "a control character on the terminal", run);
    expect(!bounded || cpu <= MAX_CPU_NANOS, "took " + cpu / 1_000_000 + " ms of CPU", run);
    expect(
        !bounded || allocated <= MAX_ALLOCATED_BYTES,
        "allocated " + allocated / (1024 * 1024) + " MB",
        run);
  }

  /**
   * What {@code wall validate FILE} does, without building the command line each time: read the
   * file and every rule, then exit 0 and "FILE: ok", or exit 2 and a line per problem. Anything
   * else it throws would end the CLI in exit 1, and ends the fuzz run in a finding.
   */
  private static Cli validate(Path layout) {
    try {
      new LayoutReader().read(layout);
      return new Cli(0, layout + ": ok\n", "");
    } catch (InvalidLayoutException e) {
      StringBuilder err = new StringBuilder();
      e.problems().forEach(problem -> err.append(problem.line()).append('\n'));
      return new Cli(2, "", err.toString());
    }
  }

  private static void expect(boolean holds, String what, Cli run) {
    if (!holds) {
      String said = (run.out() + run.err());
      throw new AssertionError(
          "wall validate broke the property: "
              + what
              + "; exit "
              + run.code()
              + ", said: "
              + (said.length() > 2000 ? said.substring(0, 2000) + "..." : said));
    }
  }

  private static Path write(byte[] data) {
    try {
      if (file == null) {
        file = Files.createTempFile("wall-fuzz-", ".json");
        file.toFile().deleteOnExit();
      }
      return Files.write(file, data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The figures so far, as one line. */
  static synchronized String stats() {
    return String.format(
        Locale.ROOT,
        "inputs %d (exit 0: %d, exit 2: %d), worst CPU per input %.1f ms, worst wall time %.1f ms,"
            + " worst allocation per input %.1f MB",
        inputs,
        exit0,
        exit2,
        worstCpuNanos / 1e6,
        worstWallNanos / 1e6,
        worstAllocated / (1024.0 * 1024));
  }

  private static void writeStats() {
    String target = System.getProperty("wall.fuzz.stats");
    if (target == null) {
      return;
    }
    try {
      Path out = Path.of(target);
      Path part = out.resolveSibling(out.getFileName() + ".part");
      Files.writeString(part, stats() + "\n", StandardCharsets.UTF_8);
      Files.move(
          part,
          out,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
