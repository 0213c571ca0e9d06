package dev.wall.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs of this machine (root, sshd, ip, systemd-nspawn, ffmpeg, exportfs, ganesha,
 * ...), asked in one way by every test. Where something is missing, the test is skipped, as on a
 * developer's machine without it; but with {@code CI=true} in the environment (.ci/run sets it) it
 * fails: there, bin/bootstrap --test installs everything, and a missing tool is a broken install
 * step that must not pass as a skip.
 */
public final class Tools {
  private static final List<String> SYSTEM_FOLDERS =
      List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

  private Tools() {}

  /** Whether this run is CI's: {@code CI=true} in the environment. */
  public static boolean ci() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /**
   * Returns when {@code present}; otherwise skips the test, or fails it under CI, saying that it
   * {@code needs} (such as "needs root and nfs-kernel-server's exportfs").
   */
  public static void require(boolean present, String needs) {
    require(present, needs, ci());
  }

  static void require(boolean present, String needs, boolean ci) {
    if (present) {
      return;
    }
    if (ci) {
      throw new AssertionError(
          needs
              + ", and this is CI (CI=true), where bin/bootstrap --test installs everything:"
              + " a missing tool fails the test instead of skipping it");
    }
    Assumptions.abort(needs);
  }

  /** {@link #require} root and every one of {@code programs}, naming what is missing. */
  public static void requireRootAnd(String needs, String... programs) {
    List<String> missing = new ArrayList<>();
    if (!isRoot()) {
      missing.add("root");
    }
    for (String program : programs) {
      if (!available(program)) {
        missing.add(program);
      }
    }
    require(missing.isEmpty(), needs + " (missing: " + String.join(", ", missing) + ")");
  }

  /** Whether every one of {@code programs} is an executable on the PATH or in a system folder. */
  public static boolean available(String... programs) {
    List<String> folders =
        new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
    folders.addAll(SYSTEM_FOLDERS);
    for (String program : programs) {
      if (folders.stream()
          .filter(f -> !f.isEmpty())
          .noneMatch(f -> Files.isExecutable(Path.of(f, program)))) {
        return false;
      }
    }
    return true;
  }

  /** Whether this JVM runs as root. */
  public static boolean isRoot() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
