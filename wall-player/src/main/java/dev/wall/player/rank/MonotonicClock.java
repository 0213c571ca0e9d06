package dev.wall.player.rank;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Names the monotonic clock {@link System#nanoTime()} reads, so rank 0 knows which ranks' sample
 * instants it may compare: the kernel's boot id, which every process on one machine shares, and the
 * time namespace, which could shift that clock for some of them.
 */
final class MonotonicClock {
  private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
  private static final Path TIME_NAMESPACE = Path.of("/proc/self/ns/time");

  private MonotonicClock() {}

  /** This machine's clock, or null where the kernel does not say (then no sample is moved). */
  static String id() {
    try {
      String boot = Files.readString(BOOT_ID).trim();
      return Files.exists(TIME_NAMESPACE)
          ? boot + "/" + Files.readSymbolicLink(TIME_NAMESPACE)
          : boot;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return null;
    }
  }
}
