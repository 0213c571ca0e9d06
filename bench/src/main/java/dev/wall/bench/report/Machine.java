package dev.wall.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** The machine the figures were taken on, as the table's header states it. */
public final class Machine {
  private Machine() {}

  /** e.g. {@code 2 cores, Intel(R) Xeon(R) Processor @ 2.50GHz, Linux 6.1.0-18-amd64}. */
  public static String describe() {
    return Runtime.getRuntime().availableProcessors()
        + " cores (nproc), "
        + cpuModel()
        + ", Linux "
        + kernel();
  }

  /** The kernel's release, as uname -r says it. */
  public static String kernel() {
    return read("/proc/sys/kernel/osrelease", "?").strip();
  }

  public static String now() {
    return ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"));
  }

  /** The 1-minute load average. */
  public static double load() {
    String[] fields = read("/proc/loadavg", "NaN").strip().split("\\s+");
    return Double.parseDouble(fields[0]);
  }

  /** The three load averages as /proc/loadavg states them. */
  public static String loads() {
    String[] fields = read("/proc/loadavg", "? ? ?").strip().split("\\s+");
    return fields[0] + " " + fields[1] + " " + fields[2];
  }

  /** The CPU's model name. */
  public static String cpuModel() {
    return read("/proc/cpuinfo", "")
        .lines()
        .filter(l -> l.startsWith("model name"))
        .findFirst()
        .map(l -> l.substring(l.indexOf(':') + 1).strip())
        .orElse("unknown CPU");
  }

  private static String read(String file, String otherwise) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      return otherwise;
    }
  }
}
