package dev.wall.bench.model;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LoopMode;
import dev.wall.core.layout.Rect;
import dev.wall.core.layout.Screen;
import dev.wall.player.mpi.MpiCommunicator;
import dev.wall.player.rank.PlayerStart;
import dev.wall.player.rank.WallListener;
import dev.wall.player.rank.WallRank;
import dev.wall.player.wire.LoopReport;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One rank of the scaling model, under mpirun: the wall's real rank runtime ({@link WallRank}: the
 * agreement before the start, the release, a control round a second, the seam) over real MPI, with
 * a {@link ClockPlayer} in place of a decoding player. Each rank prints one line when it is
 * released ({@code model-rank RANK released-ms JVM-MS cpu-ms CPU-MS}: from its process's start, and
 * the CPU its process used by then); rank 0 also prints each round's cost ({@code model-round MS}).
 *
 * <p>Usage: {@code ModelRankMain SCREENS CLIP_SECONDS}
 */
public final class ModelRankMain {
  private ModelRankMain() {}

  public static void main(String[] args) {
    int screens = Integer.parseInt(args[0]);
    double clipSeconds = Double.parseDouble(args[1]);
    long startedAt =
        ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
    List<Screen> list = new ArrayList<>();
    for (int i = 1; i <= screens; i++) {
      list.add(
          new Screen(
              "m" + i,
              "localhost",
              null,
              0,
              new Rect(0, 0, 16, 16),
              null,
              "m" + i + ".mp4",
              null,
              null));
    }
    Layout layout =
        Layout.of(1, null, 1, null, "/tmp", null, null, LoopMode.LOCKSTEP, null, null, list);
    try (MpiCommunicator comm = MpiCommunicator.init(new String[0])) {
      long cpuAtStart = cpuNanos();
      WallListener listener =
          new WallListener() {
            @Override
            public void released(int count) {
              say(
                  Locale.ROOT,
                  "model-released %d cpu-ms %d%n",
                  System.currentTimeMillis() - startedAt,
                  cpuNanos() / 1_000_000);
            }

            @Override
            public void roundCost(double seconds) {
              say(Locale.ROOT, "model-round %.3f%n", seconds * 1000);
            }

            @Override
            public void loopEnded(LoopReport report) {
              say(Locale.ROOT, "model-loop %.3f %.3f%n", report.seconds(), report.maxSkewMillis());
            }
          };
      WallRank wall =
          new WallRank(
              comm,
              layout,
              1,
              PlayerStart.begin(() -> new ClockPlayer(clipSeconds), Duration.ofSeconds(30)),
              listener,
              WallRank.ROUND_INTERVAL,
              "localhost",
              new WallRank.Recovery(() -> new ClockPlayer(clipSeconds), () -> null));
      wall.run(null);
      long cpuAtEnd = cpuNanos();
      say(
          Locale.ROOT,
          "model-rank %d start-cpu-ms %d play-cpu-ms %d%n",
          comm.rank(),
          cpuAtStart / 1_000_000,
          (cpuAtEnd - cpuAtStart) / 1_000_000);
    } catch (RuntimeException | dev.wall.player.rank.WallAbortedException e) {
      System.out.println("model-failed " + e);
      System.exit(1);
    }
  }

  /** One whole line in one write: mpirun relays each rank's output as it comes. */
  private static void say(Locale locale, String format, Object... args) {
    byte[] line = (String.format(locale, format, args).strip() + "\n").getBytes();
    synchronized (System.out) {
      System.out.write(line, 0, line.length);
      System.out.flush();
    }
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
