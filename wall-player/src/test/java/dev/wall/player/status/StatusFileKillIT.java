package dev.wall.player.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.io.RunFolder;
import dev.wall.player.process.ChildProcess;
import dev.wall.player.testing.Beside;
import dev.wall.player.testing.Poll;
import dev.wall.player.testing.Project;
import dev.wall.player.wire.StatusFile;
import dev.wall.player.wire.WallState;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power-cut safety of the status file, as near as a test gets to it: a process that writes it
 * without pause is killed (SIGKILL) at random points, 100 times; every time the file that is left
 * reads back whole, and the next start cleans what the interrupted writes left. It runs beside the
 * other tests, its writers at the lowest CPU priority.
 */
@Beside
class StatusFileKillIT {
  private static final int KILLS = 100;

  @TempDir Path dir;

  @Test
  void everyStatusFileLeftByAKilledWriterParses() throws Exception {
    Path runDir = RunFolder.prepare(dir.resolve("run"));
    List<String> jvm = fastStartingJvm();
    Random random = new Random(13);
    int leftovers = 0;
    for (int kill = 0; kill < KILLS; kill++) {
      Path output = dir.resolve("writer-" + kill + ".out");
      // A ChildProcess: stopped by the JVM's shutdown hook should the test JVM itself be stopped.
      try (ChildProcess writer =
          ChildProcess.start("status writer", writer(jvm, runDir.toString()), output, Map.of())) {
        Poll.until(
            Duration.ofMinutes(2),
            "the writer's first status file",
            () -> {
              if (!writer.isAlive()) {
                throw new AssertionError("the writer ended: " + Files.readString(output));
              }
              return Files.readString(output).contains("writing");
            });
        LockSupport.parkNanos(random.nextInt(200_000_000));
        writer.process().destroyForcibly();
        writer.process().waitFor();
      }
      WallState left =
          StatusFile.read(runDir).orElseThrow(() -> new AssertionError("no status file"));
      assertTrue(
          left.status() != null && !left.status().screens().isEmpty(),
          "kill " + kill + ": " + left);
      try (var files = Files.list(runDir)) {
        leftovers +=
            (int) files.filter(f -> f.getFileName().toString().endsWith(".wall-tmp")).count();
      }
      RunFolder.prepare(runDir); // the next start
      try (var files = Files.list(runDir)) {
        assertEquals(
            List.of(StatusFile.in(runDir)),
            files.toList(),
            "kill " + kill + ": only the status file is left");
      }
    }
    System.out.printf(
        "%d kills of a status writer: every file parsed; %d interrupted writes left a temporary file,"
            + " each cleaned at the next start%n",
        KILLS, leftovers);
  }

  private static List<String> writer(List<String> jvm, String... args) {
    List<String> argv = new ArrayList<>(jvm);
    argv.add(StatusWriterFixture.class.getName());
    argv.addAll(List.of(args));
    return Beside.Priority.lowest(argv);
  }

  /**
   * A JVM for the writers that starts in about half the time: a small heap, the quick compiler, and
   * a class archive of what the writer loads, recorded once by a writer that ends by itself. The
   * archive takes jars only, so the writers run from the packaged jars (as failsafe has them); from
   * class folders (an IDE) they run without one.
   */
  private List<String> fastStartingJvm() throws Exception {
    List<String> jvm =
        new ArrayList<>(
            List.of(
                Project.java(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx64m",
                "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off"));
    String jars = packagedClasspath();
    if (jars == null) {
      jvm.addAll(List.of("-Xshare:auto", "-cp", Project.classpath()));
      return jvm;
    }
    jvm.addAll(List.of("-cp", jars));
    Path archive = dir.resolve("writer.jsa");
    List<String> record = new ArrayList<>(jvm);
    record.add(1, "-XX:ArchiveClassesAtExit=" + archive);
    Path recordDir = RunFolder.prepare(dir.resolve("record"));
    try (ChildProcess recorder =
        ChildProcess.start(
            "status writer recording",
            writer(record, recordDir.toString(), "200"),
            dir.resolve("record.out"),
            Map.of())) {
      recorder.waitFor(Duration.ofSeconds(60));
    }
    if (Files.isRegularFile(archive)) {
      jvm.add(1, "-XX:SharedArchiveFile=" + archive);
      jvm.add(2, "-Xshare:auto");
    }
    return jvm;
  }

  /** This module's jar, its tests' jar and target/lib, or null before they are packaged. */
  private static String packagedClasspath() throws Exception {
    Path target = Project.root().resolve("wall-player/target");
    List<String> jars = new ArrayList<>();
    try (Stream<Path> files = Files.list(target)) {
      files
          .filter(f -> f.getFileName().toString().matches("wall-player-.*\\.jar"))
          .sorted()
          .forEach(f -> jars.add(f.toString()));
    }
    if (jars.size() != 2 || !Files.isDirectory(target.resolve("lib"))) {
      return null;
    }
    try (Stream<Path> files = Files.list(target.resolve("lib"))) {
      files.map(Path::toString).filter(f -> f.endsWith(".jar")).sorted().forEach(jars::add);
    }
    return String.join(File.pathSeparator, jars);
  }
}
