package dev.wall.bench.wall;

import dev.wall.player.process.ChildProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Busy processes, one per core: {@code sha256sum /dev/zero} hashes forever, prints nothing and
 * reads no disk. Started and stopped by their handles.
 */
public final class CpuHogs implements AutoCloseable {
  private final List<ChildProcess> hogs;

  private CpuHogs(List<ChildProcess> hogs) {
    this.hogs = hogs;
  }

  public static CpuHogs start(int count, Path logDir) throws IOException {
    return start(count, logDir, argv -> argv);
  }

  /** The same, each hog's argv passed through {@code where} (to run it inside a node, say). */
  public static CpuHogs start(
      int count, Path logDir, java.util.function.UnaryOperator<List<String>> where)
      throws IOException {
    List<ChildProcess> hogs = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        hogs.add(
            ChildProcess.start(
                "cpu hog " + i,
                where.apply(List.of("sha256sum", "/dev/zero")),
                logDir.resolve("cpu-hog-" + i + ".log"),
                Map.of()));
      }
    } catch (IOException e) {
      hogs.forEach(ChildProcess::close);
      throw e;
    }
    return new CpuHogs(hogs);
  }

  public boolean allAlive() {
    return hogs.stream().allMatch(ChildProcess::isAlive);
  }

  @Override
  public void close() {
    hogs.forEach(hog -> hog.stop(Duration.ofSeconds(1)));
  }
}
