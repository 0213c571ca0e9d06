package dev.wall.player.playertest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.player.testing.Poll;
import dev.wall.player.testing.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** SIGKILLs a {@link RankStandIn} holding a player, and checks that nothing it started is left. */
public final class RankKills {
  private RankKills() {}

  /** Returns how long the last of its processes took to go, in seconds. */
  public static double killAndAwaitNoneLeft(Path dir, String... args) throws Exception {
    Path output = dir.resolve("stand-in.out");
    List<String> argv =
        new ArrayList<>(
            List.of(Project.java(), "-cp", Project.classpath(), RankStandIn.class.getName()));
    argv.addAll(Arrays.asList(args));
    Process jvm =
        new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    try {
      List<Long> started =
          Poll.until(
              Duration.ofSeconds(60),
              "the stand-in rank's player",
              () -> {
                if (!jvm.isAlive()) {
                  throw new AssertionError("the stand-in ended: " + Files.readString(output));
                }
                return Files.readAllLines(output).stream()
                    .filter(l -> l.startsWith("started "))
                    .findFirst()
                    .map(
                        l ->
                            Arrays.stream(l.substring(8).trim().split(" "))
                                .map(Long::parseLong)
                                .toList())
                    .orElse(null);
              });
      assertTrue(started.size() >= 2, "a lifeline and its player at least: " + started);
      long killed = System.nanoTime();
      jvm.destroyForcibly();
      Poll.until(
          Duration.ofSeconds(10),
          "every process of the killed rank to go: " + started,
          () ->
              started.stream()
                  .noneMatch(
                      pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
      double took = (System.nanoTime() - killed) / 1e9;
      System.out.printf(
          "%s: nothing left %.2f s after SIGKILL of its rank (%d processes)%n",
          args[0], took, started.size());
      return took;
    } finally {
      jvm.destroyForcibly();
    }
  }
}
