package dev.wall.player.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.LayoutReader;
import dev.wall.player.launch.MpirunCommand;
import dev.wall.player.launch.RankClassArchive;
import dev.wall.player.plan.ShowPlan;
import dev.wall.player.process.ChildProcess;
import dev.wall.player.testing.Project;
import dev.wall.player.wire.RankLaunch;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rank class archive, recorded from the packaged jars as on a node, holds what a rank loads
 * before its screen is released: a rank then reads almost nothing from its jars at start-up.
 */
@Tag("smoke")
class RankWarmUpIT {
  /** Loaded by every rank before release: the player's process, Open MPI's classes, the IPC. */
  private static final List<String> MUST_BE_ARCHIVED =
      List.of(
          "dev.wall.player.process.ChildProcess",
          "java.lang.ProcessImpl",
          "dev.wall.player.mpi.MpiCommunicator",
          "mpi.Intracomm",
          "mpi.Request",
          "dev.wall.player.rank.WallRank",
          "dev.wall.player.players.mpv.MpvIpc",
          "java.nio.channels.SocketChannel",
          "com.fasterxml.jackson.core.json.ReaderBasedJsonParser");

  /**
   * Lambdas and method handles of call sites the warm-up does not pass; it was about 250 before.
   */
  private static final int MOST_CLASSES_FROM_JARS = 60;

  @Test
  void aRankStartedWithTheArchiveLoadsItsClassesFromIt(@TempDir Path dir) throws Exception {
    String classpath = packagedClasspath();
    Path layout = dir.resolve("wall.json");
    Files.writeString(
        layout,
        "{\"version\": 1, \"player\": \"mpv\", \"mediaRoot\": \""
            + dir
            + "\", \"screens\": ["
            + "{\"name\": \"a\", \"host\": \"localhost\", \"window\": {\"x\": 0, \"y\": 0, \"width\": 64, \"height\": 36},"
            + " \"media\": \"a.mp4\"}]}");
    RankClassArchive archive = new RankClassArchive(dir.resolve("cds"), Project.java(), classpath);
    ShowPlan plan =
        ShowPlan.resolve(
            layout,
            new LayoutReader().read(layout),
            1,
            null,
            dir.resolve("run"),
            null,
            false,
            null);
    archive.ensureRecorded(plan);
    assertTrue(archive.exists(), "recorded: " + Files.list(dir.resolve("cds")).toList());

    List<String> argv = new ArrayList<>(List.of(Project.java()));
    argv.addAll(MpirunCommand.RANK_JVM_OPTIONS);
    argv.addAll(
        List.of(
            archive.option().orElseThrow(),
            "-Xshare:on",
            "-Xlog:class+load=info",
            "-cp",
            archive.rankDirectory() + File.pathSeparator + classpath,
            MpirunCommand.RANK_MAIN));
    argv.addAll(new RankLaunch(plan, true).args());
    Path log = dir.resolve("rank.log");
    try (ChildProcess rank = ChildProcess.start("rank", argv, log, Map.of())) {
      assertEquals(
          0,
          rank.waitFor(Duration.ofSeconds(60)).orElse(-1),
          String.join("\n", rank.lastLogLines(20)));
    }
    List<String> loaded =
        Files.readAllLines(log, StandardCharsets.UTF_8).stream()
            .filter(line -> line.contains("[class,load]"))
            .toList();
    for (String name : MUST_BE_ARCHIVED) {
      String line =
          loaded.stream()
              .filter(l -> l.contains(" " + name + " "))
              .findFirst()
              .orElse("(not loaded)");
      assertTrue(line.contains("shared objects file"), name + ": " + line);
    }
    List<String> fromJars =
        loaded.stream().filter(l -> !l.contains("shared objects file")).toList();
    assertTrue(
        fromJars.size() <= MOST_CLASSES_FROM_JARS,
        fromJars.size() + " classes not from the archive: " + fromJars);
  }

  /**
   * The jars a node runs: this module's, and in target/lib its dependencies' and Open MPI's Java
   * bindings.
   */
  private static String packagedClasspath() throws Exception {
    Path target = Project.root().resolve("wall-player/target");
    List<String> jars = new ArrayList<>();
    try (Stream<Path> files = Files.list(target)) {
      files
          .filter(f -> f.getFileName().toString().matches("wall-player-.*(?<!-tests)\\.jar"))
          .forEach(f -> jars.add(f.toString()));
    }
    assertEquals(1, jars.size(), "the packaged jar in " + target);
    try (Stream<Path> files = Files.list(target.resolve("lib"))) {
      files.map(Path::toString).filter(f -> f.endsWith(".jar")).sorted().forEach(jars::add);
    }
    assertTrue(
        jars.stream().anyMatch(j -> Path.of(j).getFileName().toString().matches("mpi-.*\\.jar")),
        "Open MPI's Java bindings in " + target.resolve("lib") + ": " + jars);
    return String.join(File.pathSeparator, jars);
  }
}
