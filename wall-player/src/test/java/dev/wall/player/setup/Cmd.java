package dev.wall.player.setup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Test helpers for real processes: argv lists, deadlines, the wall CLI as a subprocess. */
final class Cmd {
  private Cmd() {}

  record Result(int code, byte[] stdout, String stderr) {
    String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }
  }

  static Result run(List<String> argv) throws IOException, InterruptedException {
    return run(argv, Map.of(), Duration.ofSeconds(60));
  }

  static Result run(List<String> argv, Map<String, String> env, Duration timeout)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(argv)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().putAll(env);
    Path out = Files.createTempFile("wall-it", ".out");
    Path err = Files.createTempFile("wall-it", ".err");
    try {
      builder.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        stop(process);
        throw new IOException(argv + " did not finish within " + timeout);
      }
      return new Result(process.exitValue(), Files.readAllBytes(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Stops a process: SIGTERM, a grace period, then SIGKILL. */
  static void stop(Process process) throws InterruptedException {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }

  /** The packaged CLI (target/classes and target/lib), as `java ... WallMain ARGS`. */
  static List<String> wall(String... args) {
    Path module = Path.of("").toAbsolutePath();
    // This checkout's wall-core classes first: the local Maven repository is shared and may hold
    // another build's.
    String classpath =
        module.resolve("target/classes")
            + ":"
            + module.resolve("../wall-core/target/classes").normalize()
            + ":"
            + module.resolve("target/lib")
            + "/*";
    List<String> argv =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classpath,
                "dev.wall.player.cli.WallMain"));
    argv.addAll(List.of(args));
    return argv;
  }
}
