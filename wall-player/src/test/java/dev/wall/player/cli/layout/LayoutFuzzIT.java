package dev.wall.player.cli.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.player.testing.Beside;
import dev.wall.player.testing.Project;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validator survives anything: two minutes of coverage-guided fuzzing of {@code wall validate}
 * with Jazzer, from every example layout, the malformed corpus and the crafted layouts of the
 * security review, with the property of {@link LayoutFuzzTarget} (exit 0 or 2 with a message, never
 * a stack trace, within 2 s of CPU and 64 MB allocated per input). Then every input the fuzzer kept
 * is replayed through the whole CLI in a JVM with a 64 MB heap. Figures go to stdout and to
 * target/fuzz-figures.txt. {@code -Dwall.fuzz.seconds=N} changes the fuzzing time. It runs beside
 * the other tests, at the lowest CPU priority: its bounds are of CPU time, and Jazzer's own
 * time-out (wall time) only catches an input that never ends.
 */
@Tag("slow")
@Beside
class LayoutFuzzIT {
  private static final long SECONDS = Long.getLong("wall.fuzz.seconds", 120);
  private static final Pattern DONE = Pattern.compile("Done (\\d+) runs in (\\d+) second");

  @TempDir Path tmp;

  @Test
  void twoMinutesOfFuzzingKeepTheProperty() throws Exception {
    Path corpus = Files.createDirectories(tmp.resolve("corpus"));
    List<byte[]> seeds = LayoutFuzzSeeds.all();
    for (int i = 0; i < seeds.size(); i++) {
      Files.write(corpus.resolve(String.format(Locale.ROOT, "seed-%03d.json", i)), seeds.get(i));
    }
    Path findings = Files.createDirectories(tmp.resolve("findings"));
    Path stats = tmp.resolve("stats.txt");

    // Jazzer's agent scans the classpath at start, which needs more than 64 MB of heap; each
    // input's allocation is measured and bounded in the target instead, and the replay below
    // runs in 64 MB.
    Run fuzz =
        run(
            tmp.resolve("fuzz.log"),
            Duration.ofSeconds(SECONDS + 300),
            "-Xmx256m",
            "-Dwall.fuzz.direct=true",
            "-Dwall.fuzz.stats=" + stats,
            "-cp",
            Project.classpath(),
            "com.code_intelligence.jazzer.Jazzer",
            "--target_class=" + LayoutFuzzTarget.class.getName(),
            "--instrumentation_includes=dev.wall.**",
            "--reproducer_path=" + findings,
            "-artifact_prefix=" + findings + "/",
            "-max_total_time=" + SECONDS,
            "-timeout=120",
            corpus.toString());
    assertEquals(
        0,
        fuzz.code(),
        "the fuzzer found an input that breaks the property ("
            + list(findings)
            + "):\n"
            + fuzz.tail());
    Matcher done = DONE.matcher(fuzz.log());
    assertTrue(done.find(), fuzz.tail());
    String fuzzFigures = Files.readString(stats).strip();

    Run replay =
        run(
            tmp.resolve("replay.log"),
            Duration.ofMinutes(10),
            "-Xmx64m",
            "-cp",
            Project.classpath(),
            LayoutFuzzTarget.class.getName(),
            corpus.toString());
    assertEquals(
        0, replay.code(), "an input of the corpus breaks the property in 64 MB:\n" + replay.tail());
    String replayFigures =
        replay.log().lines().filter(l -> l.startsWith("replay: ")).findFirst().orElseThrow();

    String figures =
        "LayoutFuzzIT: Jazzer "
            + done.group(1)
            + " runs in "
            + done.group(2)
            + " s, "
            + seeds.size()
            + " seeds; target: "
            + fuzzFigures
            + "\nLayoutFuzzIT: corpus of "
            + count(corpus)
            + " inputs through the CLI with -Xmx64m, "
            + replayFigures
            + "\n";
    System.out.print(figures);
    Files.writeString(Project.root().resolve("wall-player/target/fuzz-figures.txt"), figures);
    assertTrue(Long.parseLong(done.group(1)) >= 1000, "only " + done.group(1) + " inputs tried");
  }

  private record Run(int code, String log) {
    String tail() {
      List<String> lines = log.lines().filter(l -> !l.startsWith("INFO: ")).toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
  }

  /** A child JVM with its output in {@code log}, in the repository (as Project expects). */
  private static Run run(Path log, Duration deadline, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Project.java()));
    command.addAll(List.of(args));
    Process child =
        new ProcessBuilder(Beside.Priority.lowest(command))
            .directory(Project.root().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      assertTrue(
          child.waitFor(deadline.toSeconds(), TimeUnit.SECONDS),
          "no end after " + deadline + ": " + String.join(" ", command));
      return new Run(child.exitValue(), Files.readString(log, StandardCharsets.ISO_8859_1));
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static long count(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.count();
    }
  }

  private static List<String> list(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
